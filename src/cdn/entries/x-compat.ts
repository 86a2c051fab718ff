/** CDN chunk with the widgets.js compatibility layer: loaded only when a page has X markup or uses `twttr`. */
export { upgradeXMarkup } from '../x-markup.js';
export { installTwttr } from '../twttr-api.js';
