/**
 * The post model: the one versioned JSON shape every Perch widget renders.
 * It imports nothing from Lit or the DOM, so the embed server, the normalizers and
 * static rendering share it with the browser.
 */

/** Version of the post model. Bump on any incompatible change to the shape below. */
export const POST_MODEL_VERSION = 1;

/** How X marks an account as verified. `none` when it is not. */
export type VerifiedType = 'none' | 'blue' | 'business' | 'government' | 'legacy';

/** The shape X crops an avatar to: people are circles, organisations squares. */
export type AvatarShape = 'circle' | 'square';

/** An affiliation label shown next to the name (for example a company badge). */
export interface Affiliation {
  /** Text of the label, such as the organisation's name. */
  label: string;
  /** Small badge image. */
  badgeUrl?: string;
  /** Where the label links to. */
  url?: string;
}

/** The author of a post. */
export interface Author {
  /** Numeric user id as a string. */
  id: string;
  /** Display name, exactly as written. */
  name: string;
  /** Screen name without the leading `@`. */
  handle: string;
  /** Avatar image URL (https). */
  avatarUrl: string;
  avatarShape: AvatarShape;
  verified: VerifiedType;
  affiliation?: Affiliation;
  /** The account's posts are protected. */
  protected?: boolean;
}

/**
 * A linked range of the text. `start` and `end` count Unicode code points
 * (not UTF-16 units), `end` exclusive, relative to `PostText.text`.
 */
export type Entity = HashtagEntity | MentionEntity | CashtagEntity | UrlEntity | MediaEntity;

interface EntityRange {
  start: number;
  end: number;
}

/** `#tag` */
export interface HashtagEntity extends EntityRange {
  type: 'hashtag';
  /** The tag without `#`. */
  tag: string;
}

/** `@handle` */
export interface MentionEntity extends EntityRange {
  type: 'mention';
  /** The handle without `@`. */
  handle: string;
  id?: string;
}

/** `$SYMBOL` */
export interface CashtagEntity extends EntityRange {
  type: 'cashtag';
  /** The symbol without `$`. */
  symbol: string;
}

/** A link. The text holds its short (t.co) form; readers see `displayUrl` and follow `expandedUrl`. */
export interface UrlEntity extends EntityRange {
  type: 'url';
  url: string;
  displayUrl: string;
  expandedUrl: string;
}

/** The `pic.x.com` link X appends for attached media; dropped when it trails the text. */
export interface MediaEntity extends EntityRange {
  type: 'media';
  url: string;
  displayUrl: string;
  expandedUrl: string;
}

/** Text with its entities. HTML entities are already decoded: `text` is plain text. */
export interface PostText {
  text: string;
  /**
   * The part of `text` a reader sees, as code-point offsets `[start, end)`.
   * Leading reply mentions and trailing media links fall outside it.
   */
  displayRange: [number, number];
  /** Sorted by `start`, never overlapping. */
  entities: Entity[];
}

/** A photo. */
export interface Photo {
  type: 'photo';
  url: string;
  width: number;
  height: number;
  altText?: string;
}

/** One encoding of a video. */
export interface VideoVariant {
  url: string;
  /** `video/mp4` or `application/x-mpegURL` (HLS). */
  contentType: string;
  /** Bits per second; absent for HLS playlists. */
  bitrate?: number;
}

/** A video or an animated GIF (X serves GIFs as silent looping MP4). */
export interface Video {
  type: 'video' | 'gif';
  posterUrl: string;
  width: number;
  height: number;
  /** Reduced width:height, e.g. `[16, 9]`. */
  aspectRatio: [number, number];
  durationMs?: number;
  variants: VideoVariant[];
  altText?: string;
  viewCount?: number;
  /** Caption tracks (WebVTT), when the post has them. */
  captions?: VideoCaption[];
}

/** One caption track of a video. */
export interface VideoCaption {
  /** WebVTT file on one of X's media hosts (https). */
  url: string;
  /** BCP 47 language of the captions. */
  lang: string;
  /** Name shown to the reader, e.g. `English`. */
  label: string;
}

export type Media = Photo | Video;

/** An image inside a link card. */
export interface CardImage {
  url: string;
  width: number;
  height: number;
  altText?: string;
}

/** The preview X shows for a link. */
export interface LinkCard {
  /** X's card type, e.g. `summary`, `summary_large_image`, `player`, `audiospace`, `poll`, or `unknown`. */
  kind: string;
  /** The link as it stands in the text (t.co). */
  url: string;
  /** Where a reader lands, when known. */
  expandedUrl?: string;
  title?: string;
  description?: string;
  domain?: string;
  image?: CardImage;
}

/** A poll and its results. */
export interface Poll {
  options: Array<{ label: string; votes: number }>;
  totalVotes: number;
  status: 'open' | 'closed';
  /** ISO 8601. */
  endsAt?: string;
}

/** Public counts. Absent means unknown, not zero. */
export interface Counts {
  replies?: number;
  reposts?: number;
  likes?: number;
  quotes?: number;
  views?: number;
}

/** The post being replied to, as far as the reply itself says. */
export interface ReplyContext {
  /** Handle (without `@`) of the author replied to. */
  handle: string;
  /** Id of the parent post, when known. */
  postId?: string;
}

/** A post that can be shown. */
export interface Post {
  kind: 'post';
  version: typeof POST_MODEL_VERSION;
  id: string;
  /** Canonical link to the post on X. */
  url: string;
  author: Author;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** BCP 47 language of the text, when X detected one. */
  lang?: string;
  text: PostText;
  /** The full text of a long post (more than 280 characters), when X sent it. */
  longText?: PostText;
  /** 0 to 4 items, in X's order. */
  media: Media[];
  quoted?: PostResult;
  replyTo?: ReplyContext;
  /** The parent post itself, when the source included it. */
  parent?: PostResult;
  card?: LinkCard;
  poll?: Poll;
  counts: Counts;
  /** The post was edited after publication. */
  edited: boolean;
  /** X marked the post as possibly sensitive. */
  sensitive: boolean;
}

/** Why a post cannot be shown. */
export type TombstoneReason =
  | 'deleted'
  | 'protected'
  | 'suspended'
  | 'withheld'
  | 'age-restricted'
  | 'not-found';

/** A post that cannot be shown, and why. */
export interface Tombstone {
  kind: 'tombstone';
  version: typeof POST_MODEL_VERSION;
  id: string;
  reason: TombstoneReason;
  /** X's own wording, when it gave one. */
  message?: string;
}

/** What a lookup of one id returns. */
export type PostResult = Post | Tombstone;

/** Every tombstone reason, for validation and documentation. */
export const TOMBSTONE_REASONS: readonly TombstoneReason[] = [
  'deleted',
  'protected',
  'suspended',
  'withheld',
  'age-restricted',
  'not-found',
];

/** Post ids are decimal digits, at most 40 of them. */
export const POST_ID_PATTERN = /^[0-9]{1,40}$/;

/** True when `id` is a well-formed post id. */
export function isPostId(id: string): boolean {
  return POST_ID_PATTERN.test(id);
}

/** The canonical X link for a post. */
export function postUrl(handle: string, id: string): string {
  return `https://x.com/${encodeURIComponent(handle)}/status/${id}`;
}

/** `width:height` reduced to its smallest whole terms (`[1920, 1080]` → `[16, 9]`), for `Video.aspectRatio`. */
export function reducedAspectRatio(width: number, height: number): [number, number] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(Math.round(width), Math.round(height)) || 1;
  return [Math.round(width) / g, Math.round(height) / g];
}
