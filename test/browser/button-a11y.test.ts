import { expect, fixture, html } from '@open-wc/testing';
import '../../src/buttons/buttons.js';

describe('buttons: accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`all four buttons, both sizes and the error state have no axe violations in the ${theme} theme`, async () => {
      const page = theme === 'dark' ? '#000000' : '#ffffff';
      const root = await fixture<HTMLDivElement>(html`<div>
        <perch-share-button theme=${theme} text="Hello" url="https://news.example/"></perch-share-button>
        <perch-share-button theme=${theme} size="large" url="https://news.example/"></perch-share-button>
        <perch-follow-button theme=${theme} screen-name="TwitterDev"></perch-follow-button>
        <perch-follow-button theme=${theme} size="large" screen-name="TwitterDev" hide-screen-name></perch-follow-button>
        <perch-mention-button theme=${theme} screen-name="TwitterDev"></perch-mention-button>
        <perch-hashtag-button theme=${theme} size="large" hashtag="perch"></perch-hashtag-button>
        <perch-follow-button theme=${theme} screen-name="not a name!"></perch-follow-button>
      </div>`);
      root.style.background = page;
      root.style.padding = '8px';
      await Promise.all([...root.children].map((el) => (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete));
      await expect(root).to.be.accessible();
    });
  }

  it('each link has an accessible name that starts with its visible label and says it opens X in a new window', async () => {
    const el = await fixture(html`<perch-follow-button screen-name="TwitterDev"></perch-follow-button>`);
    const a = el.shadowRoot!.querySelector('a')!;
    expect(a.getAttribute('aria-label')).to.equal('Follow @TwitterDev (opens X in a new window)');
    expect(a.tabIndex).to.equal(0);
    expect(el.shadowRoot!.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('a theme set for the page applies when the element sets none', async () => {
    window.PerchConfig = { theme: 'dark' };
    try {
      const el = await fixture(html`<perch-share-button url="https://a.example/"></perch-share-button>`);
      expect(el.hasAttribute('theme'), 'the element keeps the publisher\'s attributes as they are').to.equal(false);
      expect(el.matches(':state(dark)')).to.equal(true);
      expect(getComputedStyle(el.shadowRoot!.querySelector('a')!).backgroundColor).to.equal('rgb(239, 243, 244)');
    } finally {
      delete window.PerchConfig;
    }
  });
});
