// <perch-timeline> speaks the same events as <perch-tweet>: perch-load, perch-render, perch-error (with `message`).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { PerchErrorEvent, PerchTimelineLoadEvent, PerchTimelineRenderEvent } from '../../src/index.js';
import { nextEvent } from './support/fixtures.js';
import { STUB_SERVER, stubTimelineServer, type TimelineStub } from './support/timeline-pages.js';

describe('<perch-timeline> events', () => {
  let stub: TimelineStub;
  let warnings: string[];
  let warn: typeof console.warn;
  beforeEach(() => {
    stub = stubTimelineServer(30);
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    stub.restore();
  });

  it('fires perch-load and perch-render, typed, bubbling to the document', async () => {
    const seen: Event[] = [];
    const onDocument = (e: Event): void => void seen.push(e);
    document.addEventListener('perch-load', onDocument);
    document.addEventListener('perch-render', onDocument);
    try {
      const el = document.createElement('perch-timeline');
      el.setAttribute('screen-name', 'TwitterDev');
      el.setAttribute('loading', 'eager');
      el.server = STUB_SERVER;
      const loaded = nextEvent(el, 'perch-load');
      const rendered = nextEvent(el, 'perch-render');
      (await fixture(html`<div></div>`)).append(el);
      const load = await loaded;
      const render = await rendered;
      expect(load).to.be.instanceOf(PerchTimelineLoadEvent);
      expect((load as PerchTimelineLoadEvent).total).to.equal(10);
      expect(render).to.be.instanceOf(PerchTimelineRenderEvent);
      expect((render as PerchTimelineRenderEvent).page.posts.length).to.equal(10);
      expect(seen.map((e) => e.type)).to.deep.equal(['perch-load', 'perch-render']);
      expect(warnings, 'no notice for the current names').to.deep.equal([]);
    } finally {
      document.removeEventListener('perch-load', onDocument);
      document.removeEventListener('perch-render', onDocument);
    }
  });

  it('still fires the deprecated perch-timeline-load and perch-timeline-render, with a console notice once', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER}></perch-timeline>`);
    const old = nextEvent<PerchTimelineLoadEvent>(el, 'perch-timeline-load');
    const oldRender = nextEvent<PerchTimelineRenderEvent>(el, 'perch-timeline-render');
    el.loading = 'eager';
    expect((await old).total).to.equal(10);
    expect((await oldRender).page.posts.length).to.equal(10);
    const notices = warnings.filter((w) => w.includes('deprecated'));
    expect(notices.length, notices.join('\n')).to.equal(1);
    expect(notices[0]).to.contain('"perch-timeline-load"').and.contain('"perch-load"');
    const again = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER}></perch-timeline>`);
    again.addEventListener('perch-timeline-render', () => undefined);
    expect(warnings.filter((w) => w.includes('deprecated')).length, 'once per page').to.equal(1);
  });

  it('reports a failure with perch-error and a message', async () => {
    const el = document.createElement('perch-timeline');
    el.setAttribute('screen-name', 'TwitterDev');
    el.setAttribute('loading', 'eager');
    el.server = STUB_SERVER;
    stub.status = 500;
    const failed = nextEvent<PerchErrorEvent>(el, 'perch-error');
    (await fixture(html`<div></div>`)).append(el);
    const error = await failed;
    expect(error).to.be.instanceOf(PerchErrorEvent);
    expect(error.message).to.be.a('string').and.not.equal('');
    expect(error.detail, 'the deprecated alias').to.equal(error.message);
  });
});
