import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PayloadError } from '../../src/data/errors.js';
import type { Post } from '../../src/data/model.js';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import { parsePostResult } from '../../src/data/validate-model.js';

// The post model validator every widget runs on data from the embed server or inline JSON:
// a value that does not fit is refused with a PayloadError naming the field, never half-accepted.

function fixture(file: string): Post {
  const result = normalizeSyndication(JSON.parse(readFileSync(`fixtures/syndication/${file}`, 'utf8')));
  assert.equal(result.kind, 'post');
  return result as Post;
}

const REMOVE = Symbol('remove');

/** A copy of a fixture post with the value at `path` (dot-separated; numbers index arrays) replaced or removed. */
function mutated(file: string, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(fixture(file))) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  let at: Record<string, unknown> = copy;
  for (const key of keys) at = at[key] as Record<string, unknown>;
  if (value === REMOVE) delete at[last];
  else at[last] = value;
  return copy;
}

function refusal(value: unknown): PayloadError {
  try {
    parsePostResult(value);
  } catch (error) {
    assert.ok(error instanceof PayloadError, `a PayloadError, got ${String(error)}`);
    return error;
  }
  assert.fail('the value was accepted');
}

test('each field that does not fit is refused with its path named', () => {
  const cases: Array<[file: string, change: string, to: unknown, path: string, message: RegExp]> = [
    ['photo-entities.json', 'text.entities.0.end', 9999, '$.text.entities[0]', /does not fit/],
    ['photo-entities.json', 'text.entities.0.type', 'emoji', '$.text.entities[0].type', /emoji/],
    ['photo-entities.json', 'media.0.width', 0, '$.media[0]', /positive width/],
    ['photo-entities.json', 'media.0.type', 'hologram', '$.media[0].type', /hologram/],
    ['photo-entities.json', 'counts.likes', -3, '$.counts.likes', /negative/],
    ['photo-entities.json', 'createdAt', 'yesterday', '$.createdAt', /date/],
    ['photo-entities.json', 'author.verified', 'gold', '$.author.verified', /gold/],
    ['photo-entities.json', 'author.handle', REMOVE, '$.author.handle', /string/],
    ['video-variants.json', 'media.0.variants.0.url', 'javascript:alert(1)', '$.media[0].variants[0].url', /http/],
    ['video-variants.json', 'media.0.aspectRatio', [16, 0], '$.media[0].aspectRatio', /positive/],
    ['synthetic-poll-card.json', 'poll.options', [{ label: 'Only one', votes: 1 }], '$.poll.options', /2 to 4/],
    ['synthetic-poll-card.json', 'poll.status', 'maybe', '$.poll.status', /maybe/],
    ['quote-tweet.json', 'quoted.id', 'abc', '$.quoted.id', /post id/],
  ];
  for (const [file, change, to, path, message] of cases) {
    const error = refusal(mutated(file, change, to));
    assert.equal(error.path, path, `${file}: ${error.message}`);
    assert.match(error.message, message);
  }
});

test('nesting is bounded, and the result holds only the model\'s fields', () => {
  let deep: Record<string, unknown> = fixture('plain-text-affiliate-badge.json') as unknown as Record<string, unknown>;
  for (let i = 0; i < 5; i++) deep = { ...(fixture('plain-text-affiliate-badge.json') as unknown as Record<string, unknown>), quoted: deep };
  assert.match(refusal(deep).message, /nested too deeply/);

  let extra = mutated('photo-entities.json', 'injected', '<script>');
  extra = { ...extra, author: { ...(extra.author as Record<string, unknown>), extra: 1 }, counts: { ...(extra.counts as Record<string, unknown>), likes: '226' } };
  delete extra.edited;
  const parsed = parsePostResult(extra) as Post & Record<string, unknown>;
  assert.equal(parsed.injected, undefined);
  assert.equal((parsed.author as unknown as Record<string, unknown>).extra, undefined);
  assert.equal(parsed.counts.likes, 226, 'numeric strings become numbers');
  assert.equal(parsed.edited, false, 'absent flags default to false');
  assert.notEqual(parsed, extra, 'a fresh object, not the input');
});
