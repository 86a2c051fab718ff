// The block editor of WordPress 6.1.9 in Chromium: an x.com post URL pasted into a paragraph
// becomes a Perch Post block whose preview is the rendered post; once published, the front end
// shows the rendered post. Nothing is requested from X's hosts at any point.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWordPress, type WordPress } from './harness.js';
import { xHosts, startBrowser, type RecordingBrowser } from './browser.js';
import { startServerProcess, type Started } from '../support/processes.js';

const POST = '1641086480675225601';
const URL_TO_PASTE = `https://x.com/SamuelSusla/status/${POST}`;

interface EditorWindow {
  wp: {
    data: {
      select(store: string): Record<string, (...args: unknown[]) => unknown>;
      dispatch(store: string): Record<string, (...args: unknown[]) => unknown>;
    };
  };
}

let server: Started & { url: string };
let site: WordPress;
let browser: RecordingBrowser;

before(async () => {
  server = await startServerProcess([]);
  site = await startWordPress({ constants: { PERCH_EMBED_SERVER: server.url } });
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await server?.stop();
});

test('paste an x.com URL in the block editor, publish, and the front end shows the post', async () => {
  const { page, context } = await browser.newPage({ cookies: await site.loginCookies() });
  page.setDefaultTimeout(60000);
  await page.goto(`${site.url}/wp-admin/post-new.php`);
  await page.waitForFunction(() => (window as unknown as Partial<EditorWindow>).wp?.data?.select('core/block-editor') != null && document.querySelector('.editor-post-title__input, .wp-block-post-title') != null);
  await page.evaluate(() => {
    const { wp } = window as unknown as EditorWindow;
    if (wp.data.select('core/edit-post').isFeatureActive('welcomeGuide') === true) wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
  });
  await page.click('.editor-post-title__input, .wp-block-post-title');
  await page.keyboard.type('Pasted from X');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('block-editor-rich-text__editable') === true);
  // What the clipboard gives the editor when a reader pastes a copied link.
  await page.evaluate((url) => {
    const data = new DataTransfer();
    data.setData('text/plain', url);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, URL_TO_PASTE);
  await page.waitForFunction(() => (window as unknown as EditorWindow).wp.data.select('core/block-editor').getBlocks() instanceof Array && ((window as unknown as EditorWindow).wp.data.select('core/block-editor').getBlocks() as Array<{ name: string }>).some((b) => b.name === 'perch/post'));
  const blocks = (await page.evaluate(() => (window as unknown as EditorWindow).wp.data.select('core/block-editor').getBlocks())) as Array<{ name: string; attributes: { url?: string } }>;
  assert.deepEqual(blocks.filter((b) => b.name !== 'core/paragraph').map((b) => [b.name, b.attributes.url]), [['perch/post', URL_TO_PASTE]]);

  // The editor's preview is the rendered post.
  await page.waitForFunction((id) => document.querySelector(`.perch-block-preview perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.includes('View Flattening') === true, POST);

  await page.evaluate(() => {
    const { wp } = window as unknown as EditorWindow;
    wp.data.dispatch('core/editor').editPost({ status: 'publish' });
    void wp.data.dispatch('core/editor').savePost();
  });
  await page.waitForFunction(() => {
    const editor = (window as unknown as EditorWindow).wp.data.select('core/editor');
    return editor.isCurrentPostPublished() === true && editor.isSavingPost() === false;
  });
  const link = (await page.evaluate(() => (window as unknown as EditorWindow).wp.data.select('core/editor').getPermalink())) as string;

  const html = await (await fetch(link)).text();
  assert.match(html, new RegExp(`<perch-tweet tweet-id="${POST}"[ >]`));
  await page.goto(link);
  await page.waitForFunction((id) => document.querySelector(`perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.includes('View Flattening') === true, POST);
  await context.close();
  // WordPress's own admin asks s.w.org and gravatar.com (refused here); nothing may go to X.
  assert.deepEqual(xHosts(browser.requests), []);
  assert.deepEqual(site.pluginErrors(), []);
});
