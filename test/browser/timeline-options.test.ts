import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { getConsentCore } from '../../src/consent/consent-core.js';
import { nextEvent, until } from './support/fixtures.js';
import { STUB_SERVER, stubTimelineServer, timelinePage, type TimelineStub } from './support/timeline-pages.js';

const q = <T extends Element = HTMLElement>(el: PerchTimeline, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);
const items = (el: PerchTimeline): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')];

async function loaded(el: PerchTimeline): Promise<void> {
  await nextEvent(el, 'perch-render');
  await el.updateComplete;
}

describe('<perch-timeline> options', () => {
  let stub: TimelineStub;
  beforeEach(() => {
    stub = stubTimelineServer(45);
  });
  afterEach(() => stub.restore());

  it('tweet-limit shows exactly that many posts, without scrolling or paging', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" tweet-limit="3"></perch-timeline>`);
    await loaded(el);
    expect(stub.urls[0]).to.contain('limit=3');
    expect(items(el)).to.have.length(3);
    const viewport = q(el, '.viewport')!;
    expect(getComputedStyle(viewport).overflowY).to.equal('visible');
    expect(q(el, '.frame')!.style.height).to.equal('');
    await new Promise((r) => setTimeout(r, 100));
    expect(stub.urls).to.have.length(1, 'no further page is requested');
    expect(el.shadowRoot!.textContent).not.to.contain('reached the end');
  });

  it('tweet-limit is capped at 20', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" tweet-limit="50"></perch-timeline>`);
    await loaded(el);
    expect(stub.urls[0]).to.contain('limit=20');
    expect(items(el)).to.have.length(20);
  });

  it('height defaults to 600 and posts scroll inside it; a set height is kept', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager"></perch-timeline>`);
    await loaded(el);
    expect(el.getBoundingClientRect().height).to.be.closeTo(600, 1);
    const viewport = q(el, '.viewport')!;
    expect(viewport.scrollHeight).to.be.greaterThan(viewport.clientHeight);
    const short = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" height="350"></perch-timeline>`);
    await loaded(short);
    expect(short.getBoundingClientRect().height).to.be.closeTo(350, 1);
  });

  it('chrome tokens remove header, footer, borders, background and scrollbar', async () => {
    const plain = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    plain.data = timelinePage(4);
    await plain.updateComplete;
    const plainFrame = getComputedStyle(q(plain, '.frame')!);
    expect(plainFrame.borderTopWidth).to.equal('1px');
    expect(plainFrame.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(q(plain, '.viewport')!).scrollbarWidth).to.equal('auto');

    const el = await fixture<PerchTimeline>(html`<perch-timeline chrome="noheader nofooter noborders transparent noscrollbar"></perch-timeline>`);
    el.data = timelinePage(4);
    await el.updateComplete;
    expect(q(el, '.timeline-header') === null, 'no header').to.equal(true);
    expect(q(el, '.timeline-footer') === null, 'no footer').to.equal(true);
    const frame = getComputedStyle(q(el, '.frame')!);
    expect(frame.borderTopWidth).to.equal('0px');
    expect(frame.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(q(el, '.viewport')!).scrollbarWidth).to.equal('none');
    expect(items(el)).to.have.length(4);

    const one = await fixture<PerchTimeline>(html`<perch-timeline chrome="nofooter"></perch-timeline>`);
    one.data = timelinePage(2);
    await one.updateComplete;
    expect(q(one, '.timeline-header') !== null, 'header kept').to.equal(true);
    expect(q(one, '.timeline-footer') === null, 'no footer').to.equal(true);
  });

  it('theme, width, border-color and lang', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline theme="dark" width="400" border-color="#ff0000" lang="fr"></perch-timeline>`);
    el.data = timelinePage(2);
    await loaded(el); // French strings load on demand; the posts wait for them
    expect(getComputedStyle(q(el, '.frame')!).backgroundColor).to.equal('rgb(0, 0, 0)');
    expect(el.getBoundingClientRect().width).to.be.closeTo(400, 1);
    expect(getComputedStyle(q(el, '.frame')!).borderTopColor).to.equal('rgb(255, 0, 0)');
    expect(q(el, '.timeline-footer a')!.textContent).to.equal('Voir plus sur X');
    el.width = 5000;
    await el.updateComplete;
    expect(el.style.getPropertyValue('--perch-width')).to.equal('1200px');
    el.width = 10;
    el.borderColor = 'javascript:alert(1)';
    await el.updateComplete;
    expect(el.style.getPropertyValue('--perch-width')).to.equal('180px');
    expect(el.style.getPropertyValue('--perch-border-color')).to.equal('');
  });

  it('dnt and show-replies reach the request; user-id, list-id and owner+slug pick the route', async () => {
    const cases: Array<[string, string]> = [
      ['<perch-timeline user-id="2244994945" dnt show-replies></perch-timeline>', '/v1/timelines/profile/id/2244994945?limit=10&replies=true&dnt=true'],
      // The string forms of earlier versions still work for one minor version.
      ['<perch-timeline user-id="2244994945" dnt="true" show-replies="true"></perch-timeline>', '/v1/timelines/profile/id/2244994945?limit=10&replies=true&dnt=true'],
      ['<perch-timeline list-id="9300000000000000001"></perch-timeline>', '/v1/timelines/list/9300000000000000001?limit=10'],
      ['<perch-timeline owner-screen-name="TwitterDev" slug="perch-demo"></perch-timeline>', '/v1/timelines/list/TwitterDev/perch-demo?limit=10'],
      ['<perch-timeline screen-name="@Twitter" show-replies="false"></perch-timeline>', '/v1/timelines/profile/Twitter?limit=10'],
    ];
    for (const [markup, path] of cases) {
      stub.urls.length = 0;
      const host = document.createElement('div');
      host.innerHTML = markup;
      const el = host.firstElementChild as PerchTimeline;
      el.setAttribute('server', STUB_SERVER);
      el.setAttribute('loading', 'eager');
      document.body.append(host);
      await until(() => stub.urls.length > 0, 3000, markup);
      const url = stub.urls[0]!.replace(STUB_SERVER, '');
      // Without consent to tailoring, Perch itself adds dnt=true.
      const expected = getConsentCore().allows('tailoring') ? path : path.includes('dnt=true') ? path : `${path}&dnt=true`;
      expect(url, markup).to.equal(expected);
      host.remove();
    }
  });

  it('live-region sets the live region: polite, assertive, and X\'s rude as assertive', async () => {
    for (const [value, live] of [[undefined, 'polite'], ['polite', 'polite'], ['assertive', 'assertive'], ['rude', 'assertive']] as const) {
      const el = await fixture<PerchTimeline>(html`<perch-timeline live-region=${value ?? ''}></perch-timeline>`);
      if (value === undefined) el.removeAttribute('live-region');
      el.data = timelinePage(2);
      await el.updateComplete;
      expect(q(el, '[aria-live]')!.getAttribute('aria-live'), String(value)).to.equal(live);
    }
  });
});
