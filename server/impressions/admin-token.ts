/** The impressions pages use the server's one admin check. */
export { requireAdmin } from '../http/admin.js';
