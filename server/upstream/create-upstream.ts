/** Picks the upstream adapter the configuration asks for. */
import { join } from 'node:path';
import { ConfigError, type ServerConfig } from '../config.js';
import { FixtureUpstream } from './fixture-upstream.js';
import { SyndicationUpstream } from './syndication-upstream.js';
import type { Upstream } from './upstream.js';
import { XApiV2Upstream } from './x-api-v2-upstream.js';
import { XApiV2Timelines } from '../timelines/x-api-v2-timelines.js';
import type { TimelineUpstream } from '../timelines/fixture-timelines.js';

/** Build the configured upstream. */
export async function createUpstream(config: ServerConfig): Promise<Upstream> {
  switch (config.upstream) {
    case 'fixtures':
      return new FixtureUpstream(join(config.rootDir, 'fixtures'));
    case 'syndication':
      return new SyndicationUpstream(config.syndicationBaseUrl === undefined ? {} : { baseUrl: config.syndicationBaseUrl });
    case 'x-api-v2': {
      if (config.bearerToken === undefined || config.bearerToken === '') throw new ConfigError('upstream', 'x-api-v2 needs a bearer token: set X_BEARER_TOKEN in the environment');
      if (config.xApiBaseUrl !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(config.xApiBaseUrl)) throw new ConfigError('x-api-base-url', `expected an origin like https://api.x.com, got "${config.xApiBaseUrl}"`);
      return new XApiV2Upstream({ bearerToken: config.bearerToken, now: config.now, ...(config.xApiBaseUrl !== undefined ? { baseUrl: config.xApiBaseUrl } : {}) });
    }
  }
}

/**
 * The timeline source for the configured upstream: X API v2 timelines when the upstream
 * is `x-api-v2`, else undefined (the timeline routes then serve the built-in timelines).
 */
export function timelineUpstreamFor(upstream: Upstream): TimelineUpstream | undefined {
  return upstream instanceof XApiV2Upstream ? new XApiV2Timelines(upstream.client) : undefined;
}
