// A tiny Next.js (App Router) site using Perch, exported as static HTML.
/** @type {import('next').NextConfig} */
export default {
  output: 'export',
  trailingSlash: true,
  // Lit's server renderer and Lit itself run in Node as they are, one copy, not bundled.
  serverExternalPackages: ['@lit-labs/ssr', 'lit', 'lit-html', 'lit-element', '@lit/reactive-element'],
  eslint: { ignoreDuringBuilds: true },
};
