/** Styles shared by the four buttons: X's pill, in two sizes and two themes; `--perch-*` to re-colour. */
import { css } from 'lit';

export const buttonStyles = css`
  :host {
    --_btn-bg: var(--perch-button-background, #0f1419);
    --_btn-fg: var(--perch-button-color, #ffffff);
    --_btn-hover: var(--perch-button-hover-background, #272c30);
    --_focus: var(--perch-focus-color, #1d4ed8);
    --_msg-bg: var(--perch-background, #ffffff);
    --_msg-fg: var(--perch-color, #0f1419);
    --_msg-border: var(--perch-border-color, #cfd9de);
    display: inline-block;
    vertical-align: middle;
    font-family: var(--perch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif);
    line-height: 1;
  }
  :host([theme='dark']) {
    --_btn-bg: var(--perch-button-background, #eff3f4);
    --_btn-fg: var(--perch-button-color, #0f1419);
    --_btn-hover: var(--perch-button-hover-background, #d7dbdc);
    --_focus: var(--perch-focus-color, #93c5fd);
    --_msg-bg: var(--perch-background, #000000);
    --_msg-fg: var(--perch-color, #e7e9ea);
    --_msg-border: var(--perch-border-color, #38444d);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_btn-bg: var(--perch-button-background, #eff3f4);
      --_btn-fg: var(--perch-button-color, #0f1419);
      --_btn-hover: var(--perch-button-hover-background, #d7dbdc);
      --_focus: var(--perch-focus-color, #93c5fd);
      --_msg-bg: var(--perch-background, #000000);
      --_msg-fg: var(--perch-color, #e7e9ea);
      --_msg-border: var(--perch-border-color, #38444d);
    }
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
    border: 1px solid var(--_msg-border);
    border-radius: 4px;
    background: var(--_msg-bg);
    color: var(--_msg-fg);
    font-size: 12px;
    line-height: 1.3;
  }
`;
