/** Helpers for the <perch-video> tests: the media-proxying embed server, its fake X host's log, and a play() spy. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { Video } from '../../../src/data/model.js';
import type { PerchVideo } from '../../../src/video/video.component.js';

/** A second real embed server whose media proxy fetches X's media hosts from a local fake (serving the sample MP4 with Range). */
export async function videoServerUrl(): Promise<string> {
  const url = await executeServerCommand<string, undefined>('perch-video-server-url');
  if (typeof url !== 'string') throw new Error('no video embed server');
  return url;
}

/** Requests the fake X media host answered (path, Range header, status). */
export async function mediaHostLog(): Promise<Array<{ path: string; range: string | null; status: number }>> {
  return (await executeServerCommand('perch-video-media-log')) ?? [];
}

export async function clearMediaHostLog(): Promise<void> {
  await executeServerCommand('perch-video-media-log-clear');
}

/** A video model whose variants the fake host serves (the 4 s, 320×180 sample with sound). */
export function sampleVideo(overrides: Partial<Video> = {}): Video {
  return {
    type: 'video',
    posterUrl: 'https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/poster.jpg',
    width: 320,
    height: 180,
    aspectRatio: [16, 9],
    durationMs: 4000,
    variants: [
      { url: 'https://video.twimg.com/ext_tw_video/1/pu/vid/320x180/sample.mp4', contentType: 'video/mp4', bitrate: 256000 },
      { url: 'https://video.twimg.com/ext_tw_video/1/pu/vid/1280x720/sample-hd.mp4', contentType: 'video/mp4', bitrate: 2176000 },
      { url: 'https://video.twimg.com/ext_tw_video/1/pu/pl/sample.m3u8', contentType: 'application/x-mpegURL' },
    ],
    altText: 'A test tone over a colour pattern',
    ...overrides,
  };
}

/** A GIF model (silent looping MP4). */
export function sampleGif(overrides: Partial<Video> = {}): Video {
  return sampleVideo({ type: 'gif', durationMs: undefined, variants: [{ url: 'https://video.twimg.com/tweet_video/sample.mp4', contentType: 'video/mp4', bitrate: 0 }], ...overrides });
}

/** Create a player in `parent` (default: body), optionally pushed below the fold by `spacerVh`. */
export async function makePlayer(media: Video, attrs: Record<string, string> = {}, parent: HTMLElement = document.body): Promise<PerchVideo> {
  const el = document.createElement('perch-video');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.media = media;
  el.postUrl = 'https://x.com/perch/status/1684218600456876032';
  el.style.width = '320px';
  parent.append(el);
  await el.updateComplete;
  return el;
}

/** The player's inner <video>. */
export function innerVideo(el: PerchVideo): HTMLVideoElement {
  const v = el.shadowRoot!.querySelector('video');
  if (v === null) throw new Error('no <video>');
  return v;
}

export interface PlayCall {
  muted: boolean;
  defaultMuted: boolean;
  src: string;
}

/** Record `muted`/`defaultMuted` at every HTMLMediaElement.play() call; returns the log and a restore function. */
export function spyOnPlay(): { calls: PlayCall[]; restore(): void } {
  const original = HTMLMediaElement.prototype.play;
  const calls: PlayCall[] = [];
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement): Promise<void> {
    calls.push({ muted: this.muted, defaultMuted: this.defaultMuted, src: this.currentSrc || this.src });
    return original.call(this);
  };
  return { calls, restore: () => void (HTMLMediaElement.prototype.play = original) };
}

/** Resolve when the player reports `state`. */
export function nextState(el: PerchVideo, state: string, timeoutMs = 8000): Promise<{ automatic: boolean }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${state} within ${timeoutMs} ms`)), timeoutMs);
    const on = (e: Event): void => {
      const ev = e as Event & { state: string; automatic: boolean };
      if (ev.state !== state) return;
      clearTimeout(timer);
      el.removeEventListener('perch-video-state', on);
      resolve({ automatic: ev.automatic });
    };
    el.addEventListener('perch-video-state', on);
  });
}

/** The player's control named `label` (exact aria-label). */
export function control(el: PerchVideo, label: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[aria-label="${label}"]`);
}
