/** The built-in data: recorded (and synthetic) syndication payloads, normalized at start-up. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSyndication } from '../normalize/normalize-syndication.js';
import { POST_MODEL_VERSION, type PostResult } from '../../src/data/model.js';
import type { Upstream } from './upstream.js';

/** The id the recorded tombstone payload (which carries no id) answers for. */
export const TOMBSTONE_FIXTURE_ID = '1620000000000000001';

/** Serves the posts in `<rootDir>/fixtures/syndication/`. */
export class FixtureUpstream implements Upstream {
  readonly name = 'fixtures';
  readonly maxBatch = 100;
  private readonly posts = new Map<string, PostResult>();

  constructor(fixturesDir: string) {
    const dir = join(fixturesDir, 'syndication');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const payload: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const result = normalizeSyndication(payload, { id: TOMBSTONE_FIXTURE_ID });
      this.posts.set(result.id, result);
    }
  }

  /** Every id this upstream knows. */
  ids(): string[] {
    return [...this.posts.keys()];
  }

  lookup(ids: readonly string[]): Promise<Map<string, PostResult>> {
    const out = new Map<string, PostResult>();
    for (const id of ids) out.set(id, this.posts.get(id) ?? { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: 'not-found' });
    return Promise.resolve(out);
  }
}
