import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/buttons/buttons.js';
import type { PerchIntentEvent } from '../../src/buttons/button-events.js';
import type { PerchFollowButton } from '../../src/buttons/follow-button.component.js';
import type { PerchShareButton } from '../../src/buttons/share-button.component.js';

interface OpenCall {
  url: string | undefined;
  name: string | undefined;
  features: string | undefined;
}

// window.open is the browser boundary: stub it to see what would open, and to play a popup blocker.
function stubOpen(blocked: boolean): { calls: OpenCall[]; popup: { opener: unknown }; restore(): void } {
  const original = window.open;
  const calls: OpenCall[] = [];
  const popup = { opener: window as unknown };
  window.open = ((url?: string | URL, name?: string, features?: string) => {
    calls.push({ url: url === undefined ? undefined : String(url), name, features });
    return blocked ? null : (popup as unknown as Window);
  }) as typeof window.open;
  return { calls, popup, restore: () => (window.open = original) };
}

/** Click the button's link; returns whether the click's navigation was cancelled (it is always stopped afterwards). */
function click(el: HTMLElement): boolean {
  let prevented = false;
  const observe = (e: Event): void => {
    prevented = e.defaultPrevented;
    e.preventDefault(); // keep the test page where it is
  };
  el.addEventListener('click', observe, { once: true });
  el.shadowRoot!.querySelector('a')!.click();
  return prevented;
}

describe('buttons: popup, fallback and perch-intent', () => {
  let stub: ReturnType<typeof stubOpen> | undefined;
  afterEach(() => stub?.restore());

  it('a click opens the intent in a 550×420 popup named perch-intent and cancels the navigation', async () => {
    stub = stubOpen(false);
    const el = await fixture<PerchShareButton>(html`<perch-share-button text="Hi" url="https://news.example/"></perch-share-button>`);
    expect(click(el), 'navigation cancelled').to.equal(true);
    expect(stub.calls).to.have.length(1);
    expect(stub.calls[0]!.url).to.equal('https://x.com/intent/post?text=Hi&url=https%3A%2F%2Fnews.example%2F');
    expect(stub.calls[0]!.name).to.equal('perch-intent');
    expect(stub.calls[0]!.features).to.match(/(^|,)width=550(,|$)/);
    expect(stub.calls[0]!.features).to.match(/(^|,)height=420(,|$)/);
    expect(stub.popup.opener, 'the popup cannot reach back into the page').to.equal(null);
  });

  it('when the popup is blocked, the link navigates normally', async () => {
    stub = stubOpen(true);
    const el = await fixture<PerchFollowButton>(html`<perch-follow-button screen-name="TwitterDev"></perch-follow-button>`);
    expect(click(el), 'navigation not cancelled').to.equal(false);
    expect(stub.calls).to.have.length(1);
  });

  it('fires perch-intent (bubbling, composed) with the intent, the button and the URL', async () => {
    stub = stubOpen(false);
    const container = await fixture<HTMLDivElement>(html`<div>
      <perch-share-button url="https://news.example/"></perch-share-button>
      <perch-follow-button screen-name="TwitterDev"></perch-follow-button>
      <perch-mention-button screen-name="TwitterDev"></perch-mention-button>
      <perch-hashtag-button hashtag="perch"></perch-hashtag-button>
    </div>`);
    const seen: Array<[string, string, string, boolean]> = [];
    const listener = (e: PerchIntentEvent): void => void seen.push([e.intent, e.button, e.url, e.composed]);
    document.addEventListener('perch-intent', listener);
    try {
      for (const el of container.children) {
        await (el as PerchShareButton).updateComplete;
        click(el as HTMLElement);
      }
    } finally {
      document.removeEventListener('perch-intent', listener);
    }
    expect(seen).to.deep.equal([
      ['post', 'share', 'https://x.com/intent/post?url=https%3A%2F%2Fnews.example%2F', true],
      ['follow', 'follow', 'https://x.com/intent/follow?screen_name=TwitterDev', true],
      ['post', 'mention', 'https://x.com/intent/post?screen_name=TwitterDev', true],
      ['post', 'hashtag', 'https://x.com/intent/post?button_hashtag=perch', true],
    ]);
  });

  it('a publisher can cancel perch-intent: nothing opens and nothing navigates', async () => {
    stub = stubOpen(false);
    const el = await fixture<PerchFollowButton>(html`<perch-follow-button screen-name="TwitterDev"></perch-follow-button>`);
    el.addEventListener('perch-intent', (e) => e.preventDefault(), { once: true });
    expect(click(el)).to.equal(true);
    expect(stub.calls).to.have.length(0);
  });

  it('ctrl/cmd-click is left to the browser (a new tab), with no popup', async () => {
    stub = stubOpen(false);
    const el = await fixture<PerchFollowButton>(html`<perch-follow-button screen-name="TwitterDev"></perch-follow-button>`);
    const a = el.shadowRoot!.querySelector('a')!;
    let prevented: boolean | undefined;
    el.addEventListener('click', (e) => ((prevented = e.defaultPrevented), e.preventDefault()), { once: true });
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
    expect(prevented).to.equal(false);
    expect(stub.calls).to.have.length(0);
  });

  it('is reachable with Tab and opens with Enter', async () => {
    stub = stubOpen(false);
    const el = await fixture<HTMLDivElement>(html`<div><input aria-label="before" /><perch-follow-button screen-name="TwitterDev"></perch-follow-button></div>`);
    el.querySelector('input')!.focus();
    await sendKeys({ press: 'Tab' });
    const button = el.querySelector('perch-follow-button')!;
    expect(button.shadowRoot!.activeElement).to.equal(button.shadowRoot!.querySelector('a'));
    button.addEventListener('click', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    expect(stub.calls.map((c) => c.url)).to.deep.equal(['https://x.com/intent/follow?screen_name=TwitterDev']);
  });
});
