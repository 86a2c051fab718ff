/** Styles of `<perch-timeline>`: the frame, header, scrolling feed and footer. Posts reuse `<perch-tweet>`'s styles. */
import { css } from 'lit';

export const timelineStyles = css`
  :host {
    max-width: var(--perch-width, 100%);
    min-width: min(180px, 100%);
  }
  .frame { display: flex; flex-direction: column; }
  .frame.noborders { border: none; border-radius: 0; }
  .frame.transparent { background: transparent; }
  .timeline-header {
    display: flex; align-items: center; gap: 10px; padding: 12px 16px;
    border-bottom: 1px solid var(--_border); flex: none;
  }
  .noborders .timeline-header { border-bottom: none; }
  .timeline-header .avatar { width: 40px; height: 40px; }
  .timeline-header .title { display: flex; flex-direction: column; min-width: 0; flex: 1; }
  .timeline-header h2 { margin: 0; font-size: 1.125em; font-weight: 800; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .timeline-header h2 a:hover { text-decoration: underline; }
  .timeline-header .sub { color: var(--_muted); font-size: 0.9375em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .viewport { position: relative; flex: 1 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain; }
  /* A layer of its own: scrolling moves painted pixels instead of repainting the feed every frame. */
  .frame:not(.fixed) .viewport { will-change: transform; }
  .fixed .viewport { overflow: visible; }
  .noscrollbar .viewport { scrollbar-width: none; }
  .noscrollbar .viewport::-webkit-scrollbar { display: none; }
  .feed { margin: 0; padding: 0; }
  /* Each post lays out and paints on its own: a post entering or leaving the range does not repaint the others. */
  .item { display: block; border-bottom: 1px solid var(--_border); contain: layout paint style; }
  .item:last-child { border-bottom: none; }
  .noborders .item { border-bottom-color: transparent; }
  .item:focus-visible { outline: 2px solid var(--_focus); outline-offset: -2px; }
  .new-posts-bar { position: sticky; top: 8px; z-index: 1; display: flex; justify-content: center; height: 0; overflow: visible; }
  .new-posts {
    font: inherit; font-weight: 700; font-size: 0.9375em; cursor: pointer;
    color: #ffffff; background: #0b63b0; border: none; border-radius: 999px; padding: 6px 16px;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3);
  }
  .new-posts:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .status { padding: 16px; text-align: center; color: var(--_muted); margin: 0; font-size: 0.9375em; }
  .retry { font: inherit; color: var(--_link); background: none; border: 1px solid var(--_border); border-radius: 999px; padding: 4px 12px; cursor: pointer; margin-inline-start: 8px; }
  .timeline-footer { flex: none; padding: 12px 16px; border-top: 1px solid var(--_border); text-align: center; }
  .noborders .timeline-footer { border-top: none; }
  .timeline-footer a { color: var(--_link); font-weight: 700; }
  .timeline-footer a:hover { text-decoration: underline; }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
