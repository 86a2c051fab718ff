/** Timeline cursors: opaque to clients, they name the last post of the page already served. */

/** A cursor that is malformed or does not belong to the timeline asked for. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
}

const PREFIX = 'p1.';

/** The cursor for "posts older than `postId`". */
export function encodeCursor(postId: string): string {
  return Buffer.from(PREFIX + postId, 'utf8').toString('base64url');
}

/** The post id inside a cursor, or a CursorError. */
export function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw new CursorError('The cursor is malformed (use nextCursor from a previous page).');
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!/^[0-9]{1,40}$/.test(id)) throw new CursorError('The cursor is malformed (use nextCursor from a previous page).');
  return id;
}
