// The site's Perch settings, shared by the layout (metadata) and the pages (PerchPost).
import { definePerch } from 'perch-next';

export const perch = definePerch({
  server: process.env.PERCH_SERVER ?? 'http://127.0.0.1:8080',
  consent: process.env.PERCH_CONSENT ?? 'required',
  childDirected: process.env.PERCH_CHILD_DIRECTED === 'on',
  timeZone: 'UTC',
});
