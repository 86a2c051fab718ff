// A tiny Eleventy site using the Perch plugin. PERCH_SERVER points it at your embed server.
import { readFileSync } from 'node:fs';
import perch from 'perch-eleventy';

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(perch, {
    server: process.env.PERCH_SERVER ?? 'http://127.0.0.1:8080',
    consent: process.env.PERCH_CONSENT ?? 'required',
    childDirected: process.env.PERCH_CHILD_DIRECTED === 'on',
    timeZone: 'UTC',
    // Post models saved from the embed server (GET /v1/tweets/:id): these need no server at build time.
    posts: JSON.parse(readFileSync(new URL('./perch-posts.json', import.meta.url), 'utf8')),
  });
}

export const config = {
  markdownTemplateEngine: 'njk', // shortcodes take an options object
};
