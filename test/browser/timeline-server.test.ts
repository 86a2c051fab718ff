// Against the real embed server started for the test run, with its fixture timelines.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { embedServerUrl, nextEvent } from './support/fixtures.js';

describe('<perch-timeline> with the embed server', () => {
  let server = '';
  before(async () => {
    server = await embedServerUrl();
    // A server without the timeline routes fails here, by name, rather than skipping the suite.
    const probe = await fetch(`${server}/v1/timelines/profile/TwitterDev?limit=1`);
    expect(probe.status, 'GET /v1/timelines/profile/TwitterDev on the embed server').to.equal(200);
  });

  it('shows the recorded TwitterDev timeline and pages to its end', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${server} loading="eager" height="400"></perch-timeline>`);
    await nextEvent(el, 'perch-render');
    await el.updateComplete;
    const first = el.shadowRoot!.querySelector<HTMLElement>('.item')!;
    expect(first.dataset.key).to.equal('1364275610764201984');
    expect(first.textContent).to.contain('Academic Research product track');
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    for (let i = 0; i < 300 && !(el.shadowRoot!.textContent!.includes('reached the end') && viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 1); i++) {
      viewport.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
    }
    expect(el.postCount).to.equal(39, '5 recorded + 34 synthetic posts that are not replies');
  });

  it('shows a list by owner and slug, and answers a bad name with perch-error', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline owner-screen-name="TwitterDev" slug="perch-demo" server=${server} loading="eager" tweet-limit="5"></perch-timeline>`);
    await nextEvent(el, 'perch-render');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.item')).to.have.length(5);
    expect(el.shadowRoot!.querySelector('.timeline-header h2')!.textContent!.trim()).to.equal('Perch demo list');
    const missing = document.createElement('perch-timeline');
    missing.setAttribute('server', server);
    missing.setAttribute('screen-name', 'nobody_here');
    missing.setAttribute('loading', 'eager');
    const failed = nextEvent<Event & { reason: string }>(missing, 'perch-error');
    document.body.append(missing);
    expect((await failed).reason).to.equal('unavailable');
    missing.remove();
  });

  it('loads when its source is set only after it was added to the page (as frameworks do)', async () => {
    const el = document.createElement('perch-timeline');
    const errors: string[] = [];
    el.addEventListener('perch-error', (e) => errors.push((e as Event & { reason: string }).reason));
    document.body.append(el);
    el.server = server;
    el.loading = 'eager';
    el.tweetLimit = 2;
    el.screenName = 'TwitterDev';
    await nextEvent(el, 'perch-render');
    expect(errors, 'no "no-source" error on the way').to.deep.equal([]);
    expect(el.postCount).to.equal(2);
    // Given its source after its first render, it loads too.
    const late = document.createElement('perch-timeline');
    document.body.append(late);
    await late.updateComplete;
    late.server = server;
    late.loading = 'eager';
    late.screenName = 'TwitterDev';
    await nextEvent(late, 'perch-render');
    el.remove();
    late.remove();
  });
});
