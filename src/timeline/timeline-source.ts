/**
 * Which timeline an element shows: from its attributes, else from the publisher's
 * pasted `<a class="twitter-timeline" href="https://twitter.com/…">` link.
 */
import { timelineQueryProblem, type TimelineQuery } from '../data/timeline.js';

/** The source attributes of `<perch-timeline>`. */
export interface SourceAttributes {
  screenName?: string | undefined;
  userId?: string | undefined;
  listId?: string | undefined;
  ownerScreenName?: string | undefined;
  slug?: string | undefined;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/** The query the attributes name (list before profile, as X's widgets.js), or undefined. Values are not validated here. */
export function queryFromAttributes(a: SourceAttributes): TimelineQuery | undefined {
  if (present(a.listId)) return { type: 'list', listId: a.listId.trim() };
  if (present(a.ownerScreenName) && present(a.slug)) return { type: 'list', ownerScreenName: a.ownerScreenName.trim().replace(/^@/, ''), slug: a.slug.trim() };
  if (present(a.userId)) return { type: 'profile', userId: a.userId.trim() };
  if (present(a.screenName)) return { type: 'profile', screenName: a.screenName.trim().replace(/^@/, '') };
  return undefined;
}

const X_HOSTS = ['twitter.com', 'www.twitter.com', 'mobile.twitter.com', 'x.com', 'www.x.com'];

/** The query an X profile or list link names (`/name`, `/name/lists/slug`, `/i/lists/id`), or undefined. */
export function queryFromHref(href: string): TimelineQuery | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (!X_HOSTS.includes(url.hostname.toLowerCase())) return undefined;
  const parts = url.pathname.split('/').filter((p) => p !== '');
  if (parts.length === 3 && parts[0] === 'i' && parts[1] === 'lists' && parts[2] !== undefined) return { type: 'list', listId: parts[2] };
  if (parts.length === 3 && parts[1] === 'lists' && parts[0] !== undefined && parts[2] !== undefined) return { type: 'list', ownerScreenName: parts[0], slug: parts[2] };
  if (parts.length === 1 && parts[0] !== undefined && parts[0] !== 'i') return { type: 'profile', screenName: parts[0] };
  return undefined;
}

/** The source an element names: its attributes, else its pasted `<a class="twitter-timeline">` link. */
export function queryOf(host: HTMLElement & SourceAttributes): TimelineQuery | undefined {
  const fromAttributes = queryFromAttributes(host);
  if (fromAttributes !== undefined) return fromAttributes;
  const link = host.querySelector<HTMLAnchorElement>(':scope > a.twitter-timeline[href]');
  return link === null ? undefined : queryFromHref(link.href);
}

/** Why a source cannot be loaded (missing or malformed), or undefined when it can. */
export function sourceProblem(query: TimelineQuery | undefined): { reason: 'no-source' | 'invalid-id'; detail: string } | undefined {
  if (query === undefined) return { reason: 'no-source', detail: 'Set screen-name, user-id, list-id, or owner-screen-name and slug.' };
  const problem = timelineQueryProblem(query);
  return problem === undefined ? undefined : { reason: 'invalid-id', detail: problem };
}
