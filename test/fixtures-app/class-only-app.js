// The class-only entry registers nothing; the app picks its own tag name.
import { PerchTweet } from 'perch-widgets/tweet';

window.perchApp = {
  entry: 'class-only',
  definedBeforeApp: customElements.get('perch-tweet') !== undefined,
};
customElements.define('my-post', PerchTweet);
