// The WordPress bench in its quick mode (one round, a one-post page): it runs end to end on two
// real WordPress sites, prints the rows it promises, and the plugin's pages ask nothing of X's
// hosts while the pasted markup on the site without the plugin does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './harness.js';

const run = promisify(execFile);
const PLUGIN_ROWS = ['plugin, Perch blocks', 'plugin, pasted markup'];
const PASTED = 'no plugin, pasted markup';
const MEASURES = ['jsGzipBytes', 'totalGzipBytes', 'otherHostsGzipBytes', 'requests', 'otherHostRequests', 'xHostRequests', 'firstRenderedMs', 'firstScreenRenderedMs', 'allRenderedMs', 'fcpMs', 'lcpMs', 'clsFirstScreen', 'cls'];

interface Row {
  median: Record<string, number>;
  ratioToPasted?: Record<string, number | null>;
}

test('bench:wordpress in quick mode: JSON rows, and no request to X from the plugin\'s pages', { timeout: 900_000 }, async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/wordpress.bench.ts'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RUNS: '1', BENCH_SIZES: '1', BENCH_WARMUP: '0' },
    maxBuffer: 1 << 24,
  });
  const out = JSON.parse(stdout) as {
    rounds: number;
    xStandIn: { what: string; widgetsJsGzipBytes: number };
    pages: Record<string, Record<string, Row>>;
    consent: Record<string, unknown>;
    pluginPhpErrors: string[];
    machine: { atStart: { loadAverage1m: number } };
  };
  assert.equal(out.rounds, 1);
  assert.match(out.xStandIn.what, /stand-in/);
  assert.ok(out.xStandIn.widgetsJsGzipBytes > 0);
  assert.equal(typeof out.machine.atStart.loadAverage1m, 'number');
  assert.deepEqual(out.pluginPhpErrors, []);

  const rows = out.pages['1 post'];
  assert.ok(rows !== undefined, 'a row set for the one-post page');
  assert.deepEqual(Object.keys(rows).sort(), [...PLUGIN_ROWS, PASTED].sort());
  for (const [name, row] of Object.entries(rows)) {
    assert.deepEqual(Object.keys(row.median).sort(), [...MEASURES].sort(), name);
    for (const m of MEASURES) assert.ok(Number.isFinite(row.median[m]), `${name}: ${m} = ${row.median[m]}`);
    assert.ok(row.median.allRenderedMs! > 0, `${name}: the post rendered`);
  }
  for (const name of PLUGIN_ROWS) {
    assert.deepEqual(Object.keys(rows[name]!.ratioToPasted ?? {}).sort(), [...MEASURES].sort(), name);
    assert.equal(rows[name]!.median.xHostRequests, 0, `${name}: nothing from X's hosts`);
    assert.equal(rows[name]!.median.otherHostRequests, 0, `${name}: nothing from any other host`);
  }
  // The site without the plugin does reach X's hosts (the stand-in): the counter sees them.
  assert.ok(rows[PASTED]!.median.xHostRequests >= 3, `pasted markup asks X's hosts: ${rows[PASTED]!.median.xHostRequests}`);

  const consent = out.consent['1 post'] as Record<string, { xHostRequestsBeforeConsent: number }>;
  for (const name of PLUGIN_ROWS) assert.equal(consent[name]!.xHostRequestsBeforeConsent, 0, `${name}, images on`);
  assert.ok(consent[PASTED]!.xHostRequestsBeforeConsent > 0);
});
