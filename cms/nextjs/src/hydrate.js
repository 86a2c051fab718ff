'use client';
// @ts-check
/**
 * Loads the hydration support before the post element, so posts rendered on the server are
 * adopted, not redrawn. Kept apart from the React wrappers so a page with posts only loads this.
 */
import { useEffect } from 'react';

/** @type {Promise<unknown> | undefined} */
let loading;

/** Loads (once per page) what turns server-rendered posts into live ones. Renders nothing. */
export function PerchHydrate() {
  useEffect(() => {
    loading ??= import('perch-widgets/hydrate').then(() => import('perch-widgets/tweet/define'));
  }, []);
  return null;
}
