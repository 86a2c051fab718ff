/** Styles of `<perch-tweet>`; themeable through `--perch-*` custom properties. */
import { css } from 'lit';

/**
 * Layout of a post, measured against X's own embed: 15/20 px header and meta, 20/24 px text,
 * 14/16 px bold actions, X's colours for the heart, the reply bubble and links.
 */
export const postStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    width: 100%;
    max-width: var(--perch-width, 550px);
    min-width: min(250px, 100%);
    margin: 10px 0;
    font-family: var(--_font);
    color: var(--_fg);
    line-height: 1.3125;
  }
  :host([align='center']) { margin-inline: auto; }
  :host([align='right']) { margin-inline-start: auto; margin-inline-end: 0; }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  a { color: inherit; text-decoration: none; }
  .name-line:hover .name, .handle:hover, .follow:hover, .time:hover, .text a:hover, .replying-to a:hover, .quoted-head:hover .name { text-decoration: underline; }
  a:focus-visible, summary:focus-visible, button:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; border-radius: 4px; }
  .frame {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .post, .parent { padding: 12px 16px; font-size: 15px; line-height: 20px; }
  .parent { position: relative; padding-bottom: 0; }
  .parent + .post { padding-top: 4px; }
  .parent .thread-body { margin-inline-start: 56px; padding-bottom: 12px; }
  /* The thread line, from the parent's avatar down to the reply's. */
  .thread::before { content: ''; position: absolute; inset-inline-start: 39px; top: 64px; bottom: 0; width: 2px; background: var(--_border); }
  .header { display: flex; align-items: center; gap: 8px; padding-bottom: 12px; white-space: nowrap; }
  .parent .header { padding-bottom: 0; }
  .avatar-link { flex: none; }
  .avatar { width: 48px; height: 48px; border-radius: 50%; display: block; background: var(--_border); object-fit: cover; }
  .avatar.square { border-radius: 4px; }
  .avatar.small { width: 20px; height: 20px; }
  .author { display: flex; flex-direction: column; min-width: 0; flex: 1; }
  .name-line, .author-meta { display: flex; align-items: center; min-width: 0; }
  .name { font-weight: 700; overflow: hidden; text-overflow: ellipsis; }
  .badge, .affiliation { display: inline-flex; margin-inline-start: 2px; }
  .affiliation-badge { border-radius: 2px; }
  .handle { color: var(--_muted); overflow: hidden; text-overflow: ellipsis; }
  .dot { color: var(--_muted); padding: 0 4px; }
  .follow, .replies, .text a, .replying-to a { color: var(--_link); }
  .follow { font-weight: 700; }
  .x-mark { color: var(--_fg); align-self: flex-start; display: flex; }
  .x-mark svg { width: 23.75px; height: 23.75px; }
  .replying-to { margin: 0 0 4px; color: var(--_muted); }
  .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 20px; line-height: 24px; }
  .parent .text { font-size: 15px; line-height: 20px; }
  .media { margin-top: 12px; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
  .media.sensitive summary { padding: 16px; cursor: pointer; color: var(--_muted); }
  .media.sensitive .show { color: var(--_link); font-weight: 700; }
  .grid { display: grid; gap: 2px; }
  .grid-1 { grid-template-columns: 1fr; }
  .grid-2 { grid-template-columns: 1fr 1fr; aspect-ratio: 16 / 9; }
  .grid-3 { grid-template-columns: 1fr 1fr; grid-template-rows: 1fr 1fr; aspect-ratio: 16 / 9; }
  .grid-3 > :first-child { grid-row: 1 / 3; }
  .grid-4 { grid-template-columns: 1fr 1fr; grid-template-rows: 1fr 1fr; aspect-ratio: 16 / 9; }
  .photo { display: block; position: relative; overflow: hidden; background: var(--_hover); min-height: 0; }
  .photo img, .video img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; display: block; }
  .sizer { display: block; width: 100%; height: auto; }
  .video > perch-video { position: absolute; inset: 0; }
  .video { position: relative; background: #000; }
  .play { position: absolute; inset: 50% auto auto 50%; transform: translate(-50%, -50%); width: 64px; height: 64px; border-radius: 50%; background: #1d9bf0; color: #fff; display: grid; place-items: center; border: 4px solid #fff; }
  .gif-label { position: absolute; inset-inline-start: 8px; bottom: 8px; background: rgba(0, 0, 0, 0.77); color: #fff; font-weight: 700; font-size: 13px; padding: 0 4px; border-radius: 4px; }
  /* A quoted post: no padding of its own, its media edge to edge at the bottom of the card. */
  .quoted { display: block; margin-top: 12px; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
  .quoted-head { display: flex; align-items: center; gap: 4px; padding: 12px 12px 0; white-space: nowrap; overflow: hidden; }
  .quoted-head .name { font-weight: 700; }
  .quoted .text { font-size: 15px; line-height: 20px; margin: 4px 0 12px; padding: 0 12px; }
  .quoted .media { margin: 0; border: 0; border-radius: 0; }
  .card { display: flex; margin-top: 12px; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
  .card.large { flex-direction: column; }
  .card.small .card-image { width: 130px; flex: none; border-inline-end: 1px solid var(--_border); }
  .card-image { display: block; position: relative; background: var(--_hover); }
  .card-image img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
  .card-text { display: flex; flex-direction: column; gap: 2px; padding: 12px; min-width: 0; }
  .card-domain, .card-description { color: var(--_muted); }
  .card.space { padding: 16px; font-weight: 700; background: #7856ff; color: #fff; }
  .poll ul { list-style: none; margin: 12px 0 0; padding: 0; display: grid; gap: 6px; }
  .poll li { position: relative; display: flex; justify-content: space-between; padding: 4px 8px; border-radius: 4px; overflow: hidden; }
  .poll .bar { position: absolute; inset: 0; width: 100%; height: 100%; border-radius: 4px; }
  .poll .bar rect { fill: var(--_hover); }
  [dir='rtl'] .poll .bar { transform: scaleX(-1); }
  .poll li.leading .bar rect { fill: color-mix(in srgb, var(--_link) 25%, transparent); }
  .poll li.leading { font-weight: 700; }
  .poll .label, .poll .pct { position: relative; }
  .poll-meta { color: var(--_muted); margin: 8px 0 0; }
  .meta { display: flex; align-items: center; gap: 4px; color: var(--_muted); margin-top: 2px; white-space: nowrap; }
  .info { margin-inline: auto -4px; }
  .info, .icon { display: flex; align-items: center; justify-content: center; width: 32px; height: 32px; border-radius: 50%; flex: none; }
  .info:hover { color: var(--_link); background: color-mix(in srgb, var(--_link) 10%, transparent); }
  .actions { display: flex; align-items: center; gap: 20px; border-top: 1px solid var(--_border); margin-top: 4px; padding-top: 4px; color: var(--_muted); }
  .action { display: flex; align-items: center; gap: 4px; padding: 0; color: inherit; font: 700 14px/16px var(--_font); white-space: nowrap; }
  .action .icon { margin-inline-start: -4px; }
  .like .icon { color: #f91880; }
  .reply .icon { color: #1d9bf0; }
  .action:hover .icon { background: color-mix(in srgb, currentColor 10%, transparent); }
  .copy:hover .icon { color: #00ba7c; }
  .action:hover span:not(.icon) { text-decoration: underline; }
  .copy { background: none; border: 0; cursor: pointer; }
  .copy svg + svg, .copy[data-state='done'] svg:first-child, .copy[data-state] .copy-label, .copy-note:empty { display: none; }
  .copy[data-state='done'] svg + svg { display: block; }
  .copy-status, .copy-field { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; opacity: 0; }
  .replies { display: flex; align-items: center; justify-content: center; min-height: 32px; margin: 4px 0 0; padding: 0 16px; border: 1px solid var(--_border); border-radius: 9999px; font-weight: 700; font-size: 14px; line-height: 16px; }
  .replies:hover { background: color-mix(in srgb, var(--_link) 10%, transparent); }
  .tombstone { padding: 16px; color: var(--_muted); background: var(--_hover); border-radius: 8px; }
  .tombstone p { margin: 0; }
  .post.unavailable { padding: 12px; }
  .message { margin: 8px 0 0; color: var(--_muted); font-size: 0.875em; font-family: var(--_font); }
  .loading { min-height: var(--perch-reserve-height, var(--perch-reserve-auto, 0px)); }
`;
