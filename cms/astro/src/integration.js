// @ts-check
/**
 * The Astro integration: the site's Perch settings, checked once, offered to the components as the
 * virtual module `virtual:perch/config`. `integrations: [perch({ server: 'https://embed.example.com' })]`.
 */
import { checkSiteConfig } from 'perch-widgets/render';

const ID = 'virtual:perch/config';

/**
 * @param {import('perch-widgets/render').PerchSiteConfig} [options]
 * @returns {import('astro').AstroIntegration}
 */
export default function perch(options = {}) {
  const config = checkSiteConfig({ timeZone: 'UTC', ...options });
  return {
    name: 'perch-astro',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'perch-astro-config',
                resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
                load: (id) => (id === `\0${ID}` ? `export default ${JSON.stringify(config)};` : undefined),
              },
            ],
          },
        });
      },
    },
  };
}
