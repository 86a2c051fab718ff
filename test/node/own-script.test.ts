import { test } from 'node:test';
import assert from 'node:assert/strict';
import { urlFromStack } from '../../src/cdn/own-script.js';

// The CDN loader finds its own URL (for a module script, which has no document.currentScript) in
// the stack of an Error made at its top level. Each engine writes that stack its own way.

const URL_ = 'https://cdn.example.com:8443/perch/1.2/dist/cdn/perch.js?v=3';

test('Chromium: the innermost frame, bare or inside a function frame', () => {
  assert.equal(urlFromStack(`Error\n    at ${URL_}:1:2345\n    at ${URL_}:1:4400`), URL_);
  assert.equal(urlFromStack(`Error\n    at startLoader (${URL_}:1:99)\n    at other (https://page.example/app.js:3:4)`), URL_);
});

test('Firefox and Safari', () => {
  assert.equal(urlFromStack(`@${URL_}:1:2345\n@${URL_}:1:4400\n`), URL_);
  assert.equal(urlFromStack(`global code@${URL_}:1:2345`), URL_);
  assert.equal(urlFromStack(`module code@http://127.0.0.1:8080/dist/cdn/perch.js:1:10`), 'http://127.0.0.1:8080/dist/cdn/perch.js');
});

test('no stack, or no URL in it', () => {
  assert.equal(urlFromStack(undefined), undefined);
  assert.equal(urlFromStack('Error\n    at <anonymous>:1:5'), undefined);
});
