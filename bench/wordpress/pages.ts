/**
 * The content of the bench's WordPress posts, made from the recorded syndication payloads: Perch
 * blocks, and X's pasted embed code (the blockquote and script tag X's "Embed post" dialog gives).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the pasted markup needs of a recorded post. */
export interface RecordedPost {
  id: string;
  text: string;
  name: string;
  handle: string;
  createdAt: string;
  lang: string;
}

interface Payload {
  id_str: string;
  text: string;
  lang?: string;
  created_at: string;
  user: { name: string; screen_name: string };
}

/** The recorded posts (tombstones left out), in `fixtures/index.json` order. */
export function recordedPosts(root = 'fixtures'): RecordedPost[] {
  const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { posts: Array<{ id: string; file: string }> };
  const out: RecordedPost[] = [];
  for (const { file } of index.posts) {
    const p = JSON.parse(readFileSync(join(root, 'syndication', file), 'utf8')) as Partial<Payload>;
    if (p.id_str === undefined || p.user === undefined || p.text === undefined || p.created_at === undefined) continue;
    out.push({ id: p.id_str, text: p.text, name: p.user.name, handle: p.user.screen_name, createdAt: p.created_at, lang: p.lang ?? 'en' });
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** X's pasted embed code for one post: the blockquote and X's script tag after it. */
export function pastedMarkup(p: RecordedPost): string {
  const date = new Date(p.createdAt).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return `<blockquote class="twitter-tweet"><p lang="${escapeHtml(p.lang)}" dir="ltr">${escapeHtml(p.text).replace(/\n/g, '<br>')}</p>&mdash; ${escapeHtml(p.name)} (@${escapeHtml(p.handle)}) <a href="https://twitter.com/${escapeHtml(p.handle)}/status/${p.id}?ref_src=twsrc%5Etfw">${date}</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`;
}

/** The Perch block for one post, as the block editor saves it after a pasted x.com URL. */
export function perchBlock(p: RecordedPost): string {
  return `<!-- wp:perch/post ${JSON.stringify({ url: `https://x.com/${p.handle}/status/${p.id}` })} /-->`;
}

/** A post body: a paragraph, then each post followed by a paragraph, as an article with embeds reads. */
export function articleBody(posts: RecordedPost[], embed: (p: RecordedPost) => string): string {
  const para = (i: number): string => `<p>Paragraph ${i} of the article around the embedded posts, long enough to wrap onto a second line at the page's width so that any embed that changes size moves text a reader sees.</p>`;
  return [para(0), ...posts.flatMap((p, i) => [embed(p), para(i + 1)])].join('\n\n');
}
