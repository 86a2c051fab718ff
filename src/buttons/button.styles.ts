/**
 * Styles shared by the four buttons: X's pill, in two sizes and two themes; `--perch-*` to
 * re-colour. The pill's own colours are `light-dark()` pairs like the shared tokens.
 */
import { css } from 'lit';
import { themeScheme, themeTokens } from '../shared/theme-tokens.js';

export const buttonStyles = [themeTokens, themeScheme, css`
  :host {
    --_btn-bg: var(--perch-button-background, light-dark(#0f1419, #eff3f4));
    --_btn-fg: var(--perch-button-color, light-dark(#ffffff, #0f1419));
    --_btn-hover: var(--perch-button-hover-background, light-dark(#272c30, #d7dbdc));
    display: inline-block;
    vertical-align: middle;
    font-family: var(--perch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif);
    line-height: 1;
  }
  :host([hidden]) { display: none; }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    box-sizing: border-box;
    height: 20px;
    padding-block: 0;
    padding-inline: 8px 10px;
    border-radius: 9999px;
    background: var(--_btn-bg);
    color: var(--_btn-fg);
    font-size: 12px;
    font-weight: 700;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
  }
  .button:hover { background: var(--_btn-hover); }
  .button:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .icon { display: inline-flex; flex: none; }
  .icon svg { width: 12px; height: 12px; }
  :host([size='large']) .button { height: 28px; padding-block: 0; padding-inline: 12px 14px; font-size: 14px; gap: 6px; }
  :host([size='large']) .icon svg { width: 16px; height: 16px; }
  .message {
    display: inline-block;
    margin: 0;
    padding: 2px 8px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 12px;
    line-height: 1.3;
  }
`];
