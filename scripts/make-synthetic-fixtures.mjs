// Builds the hand-made synthetic syndication fixtures (shapes no recorded payload covers). Output is committed.
import { writeFileSync } from 'node:fs';
const cp = (s) => Array.from(s).length;
const user = (id, name, handle, extra = {}) => ({ id_str: id, name, profile_image_url_https: `https://pbs.twimg.com/profile_images/${id}/synthetic_normal.jpg`, screen_name: handle, verified: false, is_blue_verified: false, profile_image_shape: 'Circle', ...extra });
const edit = (id) => ({ edit_tweet_ids: [id], editable_until_msecs: '1700000000000', is_edit_eligible: false, edits_remaining: '5' });
const base = (id, text, u, extra = {}) => ({ __typename: 'Tweet', lang: 'en', favorite_count: 12, possibly_sensitive: false, created_at: '2023-06-01T09:30:00.000Z', display_text_range: [0, cp(text)], entities: { hashtags: [], urls: [], user_mentions: [], symbols: [] }, id_str: id, text, user: u, edit_control: edit(id), conversation_count: 2, news_action_type: 'conversation', isEdited: false, isStaleEdit: false, ...extra });
const idx = (text, needle) => { const i = text.indexOf(needle); if (i < 0) throw new Error(needle); return [cp(text.slice(0, i)), cp(text.slice(0, i)) + cp(needle)]; };
const write = (name, obj) => writeFileSync(`fixtures/syndication/${name}.json`, JSON.stringify(obj, null, 2) + '\n');

// 1. Reply with its parent (in_reply_to_* plus nested parent, as X's embed shows "Replying to").
{
  const parentText = 'What is the smallest thing you shipped this week that made a user smile? 🙂';
  const parent = base('9000000000000000002', parentText, user('9100000000000000002', 'Ada Example', 'ada_example'), { favorite_count: 40, conversation_count: 9 });
  const text = '@ada_example A keyboard shortcut for "stop video" &amp; a visible focus ring. Tiny, but people noticed 👩‍💻';
  const t = base('9000000000000000001', text, user('9100000000000000001', 'Ben Sample', 'ben_sample'), {
    in_reply_to_screen_name: 'ada_example', in_reply_to_status_id_str: '9000000000000000002', in_reply_to_user_id_str: '9100000000000000002', parent,
  });
  t.display_text_range = [cp('@ada_example '), cp(text)];
  t.entities.user_mentions = [{ id_str: '9100000000000000002', indices: idx(text, '@ada_example'), name: 'Ada Example', screen_name: 'ada_example' }];
  write('synthetic-reply-with-parent', t);
}
// 2. Four photos in one post, each with alt text; trailing media link.
{
  const text = 'Four views of the same bridge at dawn, noon, dusk and night. #photography https://t.co/SyNtH4ph0t';
  const t = base('9000000000000000003', text, user('9100000000000000003', 'Cleo Lens', 'cleo_lens'));
  t.display_text_range = [0, cp(text) - cp(' https://t.co/SyNtH4ph0t')];
  t.entities.hashtags = [{ indices: idx(text, '#photography'), text: 'photography' }];
  const mediaEntity = { display_url: 'pic.x.com/SyNtH4ph0t', expanded_url: 'https://x.com/cleo_lens/status/9000000000000000003/photo/1', indices: idx(text, 'https://t.co/SyNtH4ph0t'), url: 'https://t.co/SyNtH4ph0t' };
  t.entities.media = [mediaEntity];
  const alts = ['The bridge at dawn, pink sky', 'The bridge at noon under a clear sky', 'The bridge at dusk with orange light', 'The bridge at night, lit by street lamps'];
  const sizes = [[1600, 1200], [1200, 1600], [1600, 900], [1200, 1200]];
  t.mediaDetails = alts.map((alt, i) => ({ ...mediaEntity, ext_alt_text: alt, media_url_https: `https://pbs.twimg.com/media/SynthPhoto${i + 1}.jpg`, original_info: { height: sizes[i][1], width: sizes[i][0] }, type: 'photo' }));
  t.photos = t.mediaDetails.map((m, i) => ({ accessibilityLabel: alts[i], expandedUrl: mediaEntity.expanded_url, url: m.media_url_https, width: sizes[i][0], height: sizes[i][1] }));
  write('synthetic-four-photos', t);
}
// 3. Animated GIF (mediaDetails type animated_gif; one mp4 variant with bitrate 0).
{
  const text = 'When the build finally passes https://t.co/SyNtHgIf01';
  const t = base('9000000000000000004', text, user('9100000000000000004', 'Dev Loops', 'dev_loops'));
  t.display_text_range = [0, cp('When the build finally passes')];
  const mediaEntity = { display_url: 'pic.x.com/SyNtHgIf01', expanded_url: 'https://x.com/dev_loops/status/9000000000000000004/photo/1', indices: idx(text, 'https://t.co/SyNtHgIf01'), url: 'https://t.co/SyNtHgIf01' };
  t.entities.media = [mediaEntity];
  t.mediaDetails = [{ ...mediaEntity, ext_alt_text: 'A cartoon cat dancing', media_url_https: 'https://pbs.twimg.com/tweet_video_thumb/SynthGif01.jpg', original_info: { height: 270, width: 480 }, type: 'animated_gif', video_info: { aspect_ratio: [16, 9], variants: [{ bitrate: 0, content_type: 'video/mp4', url: 'https://video.twimg.com/tweet_video/SynthGif01.mp4' }] } }];
  t.video = { aspectRatio: [16, 9], contentType: 'gif', poster: 'https://pbs.twimg.com/tweet_video_thumb/SynthGif01.jpg', variants: [{ type: 'video/mp4', src: 'https://video.twimg.com/tweet_video/SynthGif01.mp4' }], videoId: { type: 'tweet', id: '9000000000000000004' } };
  write('synthetic-animated-gif', t);
}
// 4. Poll card (poll3choice_text_only; counts final).
{
  const text = 'Which do you reach for first when a page feels slow?';
  const t = base('9000000000000000005', text, user('9100000000000000005', 'Perf Notes', 'perf_notes'));
  const s = (v) => ({ string_value: v, type: 'STRING' });
  t.card = { card_platform: { platform: { audience: { name: 'production' }, device: { name: 'Swift', version: '12' } } }, name: 'poll3choice_text_only', url: 'https://t.co/SyNtHp0ll1',
    binding_values: { choice1_label: s('The profiler'), choice1_count: s('412'), choice2_label: s('Network panel'), choice2_count: s('688'), choice3_label: s('console.time'), choice3_count: s('97'), end_datetime_utc: s('2023-06-02T09:30:00Z'), last_updated_datetime_utc: s('2023-06-02T09:30:05Z'), duration_minutes: s('1440'), counts_are_final: { boolean_value: true, type: 'BOOLEAN' }, api: s('capi://passthrough/1'), card_url: { scribe_key: 'card_url', string_value: 'https://x.com', type: 'STRING' } } };
  write('synthetic-poll-card', t);
}
// 5. Long post: truncated text plus the full note_tweet text (RTL, ZWJ emoji, entity).
{
  const long = 'Notes from a week of making embeds fast. ' +
    'First: reserve space before data arrives, so nothing moves when the post renders; media boxes are sized from their aspect ratio. ' +
    'Second: fetch lazily, about one viewport ahead, and batch every post on the page into one request. ' +
    'Third: text is text, never HTML; entities like #performance link out, and right-to-left text such as مرحبا بالعالم stays in order. ' +
    'Fourth: ship less script; the loader stays under five kilobytes. 👨‍👩‍👧‍👦 Thanks for reading!';
  const head = long.slice(0, 270) + '…';
  const t = base('9000000000000000006', head, user('9100000000000000006', 'Long Form', 'long_form'), { lang: 'en' });
  t.note_tweet = { id: 'Tm90ZVR3ZWV0OjkwMDAwMDAwMDAwMDAwMDAwMDY=', note_tweet_results: { result: { text: long, entity_set: { hashtags: [{ indices: idx(long, '#performance'), text: 'performance' }], urls: [], user_mentions: [], symbols: [] } } } };
  write('synthetic-long-post', t);
}
