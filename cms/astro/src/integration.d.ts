import type { AstroIntegration } from 'astro';
import type { PerchSiteConfig } from 'perch-widgets/render';

/** The Perch integration: the site's settings for `<PerchHead>`, `<PerchPost>` and the other components. */
export default function perch(options?: PerchSiteConfig): AstroIntegration;
