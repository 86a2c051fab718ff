// Only PerchTweet from the package root: the rest must be tree-shaken away.
import { PerchTweet } from 'perch-widgets';

window.perchApp = { entry: 'root', definedBeforeApp: customElements.get('perch-tweet') !== undefined };
customElements.define('root-post', PerchTweet);
