/** Picks the upstream adapter the configuration asks for. */
import { join } from 'node:path';
import { ConfigError, type ServerConfig } from '../config.js';
import { FixtureUpstream } from './fixture-upstream.js';
import { SyndicationUpstream } from './syndication-upstream.js';
import type { Upstream } from './upstream.js';

/** Build the configured upstream. */
export async function createUpstream(config: ServerConfig): Promise<Upstream> {
  switch (config.upstream) {
    case 'fixtures':
      return new FixtureUpstream(join(config.rootDir, 'fixtures'));
    case 'syndication':
      return new SyndicationUpstream(config.syndicationBaseUrl === undefined ? {} : { baseUrl: config.syndicationBaseUrl });
    case 'x-api-v2':
      throw new ConfigError('upstream', 'x-api-v2 is not available in this build');
  }
}
