// A tiny Astro site using Perch's components. PERCH_SERVER points it at your embed server.
import { defineConfig } from 'astro/config';
import perch from 'perch-astro/integration';

export default defineConfig({
  integrations: [
    perch({
      server: process.env.PERCH_SERVER ?? 'http://127.0.0.1:8080',
      consent: process.env.PERCH_CONSENT ?? 'required',
      childDirected: process.env.PERCH_CHILD_DIRECTED === 'on',
      timeZone: 'UTC',
    }),
  ],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
