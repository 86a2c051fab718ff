/** Errors raised at the data boundary. No DOM, no Lit. */

/** Why a payload could not become a post. */
export type PayloadErrorCode = 'not-an-object' | 'missing-field' | 'wrong-type' | 'invalid-value' | 'unsupported';

/**
 * A payload (from X, from the embed server, or inline JSON) that does not fit the
 * post model. Raised instead of returning a half-filled post.
 */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  /** What kind of problem it is. */
  readonly code: PayloadErrorCode;
  /** JSON-pointer-like path of the offending field, e.g. `user.screen_name`. */
  readonly path: string;

  constructor(code: PayloadErrorCode, path: string, message: string) {
    super(`${path ? path + ': ' : ''}${message}`);
    this.code = code;
    this.path = path;
  }
}
