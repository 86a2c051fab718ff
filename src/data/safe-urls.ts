/**
 * The URLs a post model may carry, enforced where models are made (the normalizers) and again
 * before static rendering: media (avatars, photos, posters, video variants, captions, card
 * images, badges) only on X's media hosts over https, links only http(s). What does not fit is
 * dropped, never passed on: an avatar falls back to X's default one, a photo, video, caption or
 * card image disappears, a link entity stays as plain text.
 */
import { isXMediaUrl } from './media-url.js';
import type { Author, Entity, LinkCard, Media, Post, PostResult, PostText } from './model.js';

/** X's default avatar, used when a post's own avatar URL is not allowed. */
export const DEFAULT_AVATAR_URL = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';

/** True when `url` is an absolute http: or https: URL. */
export function isHttpUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

function safeAuthor(author: Author): Author {
  const affiliation = author.affiliation;
  const avatarOk = isXMediaUrl(author.avatarUrl);
  const badgeOk = affiliation?.badgeUrl === undefined || isXMediaUrl(affiliation.badgeUrl);
  const linkOk = affiliation?.url === undefined || isHttpUrl(affiliation.url);
  if (avatarOk && badgeOk && linkOk) return author;
  const out: Author = { ...author, avatarUrl: avatarOk ? author.avatarUrl : DEFAULT_AVATAR_URL };
  if (affiliation !== undefined) {
    const { badgeUrl, url, ...rest } = affiliation;
    out.affiliation = { ...rest, ...(badgeUrl !== undefined && badgeOk ? { badgeUrl } : {}), ...(url !== undefined && linkOk ? { url } : {}) };
  }
  return out;
}

function safeEntity(entity: Entity): Entity | undefined {
  if (entity.type !== 'url' && entity.type !== 'media') return entity;
  if (isHttpUrl(entity.expandedUrl)) return isHttpUrl(entity.url) ? entity : { ...entity, url: entity.expandedUrl };
  // A link that leads nowhere safe shows and follows its short form (as written in the text).
  return isHttpUrl(entity.url) ? { ...entity, expandedUrl: entity.url, displayUrl: entity.url } : undefined;
}

function safeText(text: PostText): PostText {
  const entities: Entity[] = [];
  let changed = false;
  for (const e of text.entities) {
    const safe = safeEntity(e);
    if (safe !== e) changed = true;
    if (safe !== undefined) entities.push(safe);
  }
  return changed ? { ...text, entities } : text;
}

function safeMedia(item: Media): Media | undefined {
  if (item.type === 'photo') return isXMediaUrl(item.url) ? item : undefined;
  if (!isXMediaUrl(item.posterUrl)) return undefined;
  const variants = item.variants.filter((v) => isXMediaUrl(v.url));
  const captions = item.captions?.filter((c) => isXMediaUrl(c.url));
  if (variants.length === item.variants.length && captions?.length === item.captions?.length) return item;
  const { captions: _dropped, ...rest } = item;
  return { ...rest, variants, ...(captions !== undefined && captions.length > 0 ? { captions } : {}) };
}

function safeCard(card: LinkCard): LinkCard | undefined {
  const urlOk = isHttpUrl(card.url);
  const expandedOk = card.expandedUrl === undefined || isHttpUrl(card.expandedUrl);
  const imageOk = card.image === undefined || isXMediaUrl(card.image.url);
  if (urlOk && expandedOk && imageOk) return card;
  if (!urlOk) return undefined;
  const { expandedUrl, image, ...rest } = card;
  return { ...rest, ...(expandedUrl !== undefined && expandedOk ? { expandedUrl } : {}), ...(image !== undefined && imageOk ? { image } : {}) };
}

/**
 * `result` with every URL it carries allowed (see the module comment); the same object when
 * nothing had to change. Nested posts (quoted, parent) are checked too.
 */
export function withSafeUrls(result: PostResult): PostResult {
  return result.kind === 'post' ? safePost(result) : result;
}

/** A post with every URL it carries allowed; the same object when nothing had to change. */
export function safePost(post: Post): Post {
  const author = safeAuthor(post.author);
  const text = safeText(post.text);
  const longText = post.longText === undefined ? undefined : safeText(post.longText);
  const media: Media[] = [];
  for (const m of post.media) {
    const safe = safeMedia(m);
    if (safe !== undefined) media.push(safe);
  }
  const mediaSame = media.length === post.media.length && media.every((m, i) => m === post.media[i]);
  const card = post.card === undefined ? undefined : safeCard(post.card);
  const quoted = post.quoted === undefined ? undefined : withSafeUrls(post.quoted);
  const parent = post.parent === undefined ? undefined : withSafeUrls(post.parent);
  const postUrlOk = isHttpUrl(post.url);
  if (author === post.author && text === post.text && longText === post.longText && mediaSame && card === post.card && quoted === post.quoted && parent === post.parent && postUrlOk) return post;
  const { card: _card, longText: _long, quoted: _quoted, parent: _parent, ...rest } = post;
  return {
    ...rest,
    url: postUrlOk ? post.url : `https://x.com/i/status/${post.id}`,
    author,
    text,
    media,
    ...(longText !== undefined ? { longText } : {}),
    ...(card !== undefined ? { card } : {}),
    ...(quoted !== undefined ? { quoted } : {}),
    ...(parent !== undefined ? { parent } : {}),
  };
}
