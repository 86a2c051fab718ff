/**
 * Tests and bench: a stand-alone impressions collector process. Args: `--store memory|redis://…`
 * `--data-dir DIR` `--port N` [`--client-events-per-day N`]. Prints one JSON line `{"listening":"http://…"}` on stdout when ready.
 */
import { parseArgs } from 'node:util';
import { Router } from '../../server/http/router.js';
import { registerImpressions } from '../../server/impressions/index.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';
import { serveRouter } from './router-server.js';

const { values } = parseArgs({ options: { store: { type: 'string', default: 'memory' }, 'data-dir': { type: 'string', default: 'perch-data' }, port: { type: 'string', default: '0' }, 'client-events-per-day': { type: 'string' } } });
const router = new Router();
const metrics = new Metrics();
const impressions = await registerImpressions(router, { store: values.store ?? 'memory', dataDir: values['data-dir'] ?? 'perch-data', metrics, log: createLogger('error'), now: Date.now, ...(values['client-events-per-day'] !== undefined ? { rateLimit: { eventsPerDay: Number(values['client-events-per-day']) } } : {}) });
const server = await serveRouter(router, Number(values.port ?? '0'));
process.stdout.write(JSON.stringify({ listening: server.url }) + '\n');
const stop = (): void => {
  void server.close().then(() => impressions.close()).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
