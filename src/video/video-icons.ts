/** Player icons; all decorative (every button carries its own label). */
import { svg, type SVGTemplateResult } from 'lit';

const icon = (d: string, size = 22): SVGTemplateResult => svg`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false"><path fill="currentColor" d=${d}/></svg>`;

export const playIcon = icon('M8 5v14l11-7z');
export const bigPlayIcon = icon('M8 5v14l11-7z', 28);
export const pauseIcon = icon('M6 5h4v14H6zm8 0h4v14h-4z');
export const stopIcon = icon('M6 6h12v12H6z');
export const mutedIcon = icon('M3 9v6h4l5 5V4L7 9H3zm13.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z');
export const soundIcon = icon('M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z');
export const fullscreenIcon = icon('M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z');
export const exitFullscreenIcon = icon('M8 5h2v5H5V8h3zm6 0h2v3h3v2h-5zM5 14h5v5H8v-3H5zm9 0h5v2h-3v3h-2z');
export const captionsIcon = icon('M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2v10h14V7zm2 3h4v1.5H8.5v1H11V14H7zm6 0h4v1.5h-2.5v1H17V14h-4z');
