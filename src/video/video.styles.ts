/**
 * Styles of `<perch-video>`: a dark player surface (as on X) in every theme; the consent
 * placeholder in the shared colour tokens, so it is dark inside a dark post.
 */
import { css } from 'lit';
import { themeTokens } from '../shared/theme-tokens.js';

export const videoStyles = [themeTokens, css`
  :host {
    display: block;
    position: relative;
    aspect-ratio: var(--_ratio, 16 / 9);
    background: #000;
    color: #fff;
    overflow: hidden;
    font-family: var(--perch-font-family, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif);
    font-size: 14px;
    --_player-focus: var(--perch-focus-color, #93c5fd);
    --_accent: var(--perch-video-accent, #1d9bf0);
  }
  :host([hidden]) { display: none; }
  :host(:fullscreen) { aspect-ratio: auto; width: 100%; height: 100%; }
  .frame { position: absolute; inset: 0; }
  video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; display: block; background: #000; }
  .poster { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; display: block; }
  button { font: inherit; color: inherit; cursor: pointer; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid var(--_player-focus); outline-offset: 2px; }
  .big-play {
    position: absolute; inset: 50% auto auto 50%; transform: translate(-50%, -50%);
    width: 64px; height: 64px; border-radius: 50%; background: var(--_accent); color: #fff;
    display: grid; place-items: center; border: 4px solid #fff; padding: 0;
  }
  .gif-label { position: absolute; inset-inline-start: 8px; bottom: 8px; background: rgba(0, 0, 0, 0.77); color: #fff; font-weight: 700; font-size: 13px; padding: 0 4px; border-radius: 4px; }
  .surface { position: absolute; inset: 0 0 44px 0; background: transparent; border: 0; padding: 0; }
  .bar {
    position: absolute; left: 0; right: 0; bottom: 0; height: 44px; display: flex; align-items: center; gap: 4px; padding: 0 6px;
    background: rgba(0, 0, 0, 0.8);
  }
  .bar button { background: transparent; border: 0; width: 36px; height: 36px; display: grid; place-items: center; border-radius: 4px; padding: 0; flex: none; }
  .bar button:hover { background: rgba(255, 255, 255, 0.15); }
  .seek { flex: 1; min-width: 40px; accent-color: var(--_accent); }
  .time { font-variant-numeric: tabular-nums; white-space: nowrap; font-size: 13px; }
  .spacer { flex: 1; }
  /* Over the poster, which stays visible around it (a failed video still shows what it was). */
  .message {
    position: absolute; inset: 50% auto auto 50%; transform: translate(-50%, -50%); width: max-content; max-width: calc(100% - 24px);
    display: flex; flex-direction: column; align-items: center; gap: 8px;
    background: rgba(15, 20, 25, 0.85); border-radius: 12px; padding: 12px 16px; text-align: center;
  }
  .message p { margin: 0; }
  .message a { color: #8ecdf8; font-weight: 700; }
  .consent { position: absolute; inset: 0; overflow: auto; background: var(--_bg); color: var(--_fg); }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  video::cue { font-size: 1.1em; }
`];
