// Loaded by the components' <script>: bundled by Astro, served by your site, once per page.
// Static mode (`static: true`) leaves the posts as rendered and loads nothing.
export async function loadWidgets(what: 'tweet' | 'timeline' | 'video' | 'buttons'): Promise<void> {
  if (document.querySelector('meta[name="perch:static"]') !== null) return;
  await import('perch-widgets/hydrate'); // before any element: adopts the posts rendered at build time
  if (what === 'tweet') await import('perch-widgets/tweet/define');
  else if (what === 'timeline') await import('perch-widgets/timeline/define');
  else if (what === 'video') await import('perch-widgets/video/define');
  else await import('perch-widgets/buttons/define');
}
