/**
 * The player's controls: the bar under a started video (play/pause, stop, mute, seek, time,
 * captions, fullscreen) and the keyboard shortcuts, as a template and a key-to-action map.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Video } from '../data/model.js';
import { formatTime, videoMsg } from './video-i18n.js';
import { captionsIcon, exitFullscreenIcon, fullscreenIcon, mutedIcon, pauseIcon, playIcon, soundIcon, stopIcon } from './video-icons.js';

/** What the control bar shows. */
export interface ControlsState {
  media: Video;
  running: boolean;
  soundOn: boolean;
  captionsOn: boolean;
  fullscreen: boolean;
  currentTime: number;
  duration: number;
  lang: string | undefined;
}

/** What the controls do. */
export interface ControlActions {
  togglePlay(): void;
  stop(): void;
  toggleSound(): void;
  toggleCaptions(): void;
  toggleFullscreen(): void;
  seek(e: Event): void;
}

/** The clickable surface over the video and the control bar (part `controls`). */
export function renderControls(s: ControlsState, a: ControlActions): TemplateResult {
  const lng = s.lang;
  const isGif = s.media.type === 'gif';
  const total = s.duration > 0 ? s.duration : (s.media.durationMs ?? 0) / 1000;
  const now = Math.min(s.currentTime, total || s.currentTime);
  const timeText = videoMsg('timeOf', lng, { current: formatTime(now), total: formatTime(total) });
  const hasCaptions = (s.media.captions ?? []).length > 0;
  return html`<div class="surface" @click=${a.togglePlay}></div>
    <div part="controls" class="bar">
      <button class="play-pause" type="button" data-consent-focus aria-label=${videoMsg(s.running ? 'pause' : 'play', lng)} @click=${a.togglePlay}>${s.running ? pauseIcon : playIcon}</button>
      <button class="stop" type="button" aria-label=${videoMsg('stop', lng)} @click=${a.stop}>${stopIcon}</button>
      ${isGif
        ? html`<span class="spacer"></span>`
        : html`<button class="mute" type="button" aria-label=${videoMsg(s.soundOn ? 'mute' : 'unmute', lng)} @click=${a.toggleSound}>${s.soundOn ? soundIcon : mutedIcon}</button>
            <input class="seek" type="range" min="0" max=${String(total || 0)} step="0.1" .value=${String(now)} aria-label=${videoMsg('seek', lng)} aria-valuetext=${timeText} @input=${a.seek} />
            <span class="time" aria-hidden="true">${formatTime(now)} / ${formatTime(total)}</span>`}
      ${hasCaptions && !isGif
        ? html`<button class="captions" type="button" aria-label=${videoMsg(s.captionsOn ? 'captionsOff' : 'captionsOn', lng)} @click=${a.toggleCaptions}>${captionsIcon}</button>`
        : nothing}
      <button class="fullscreen" type="button" aria-label=${videoMsg(s.fullscreen ? 'exitFullscreen' : 'fullscreen', lng)} @click=${a.toggleFullscreen}>${s.fullscreen ? exitFullscreenIcon : fullscreenIcon}</button>
    </div>`;
}

/** What a key press asks of the player. */
export type KeyAction = { do: 'toggle-play' | 'toggle-sound' | 'toggle-fullscreen' } | { do: 'seek'; direction: -1 | 1 } | { do: 'volume'; delta: number };

/**
 * The action for a key press on the player, or undefined when the key is not the player's
 * (modifiers held, the focused control handles it, or the medium has no such control).
 */
export function keyAction(e: KeyboardEvent, isGif: boolean): KeyAction | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
  const target = e.composedPath()[0];
  const onButton = target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement;
  const onRange = target instanceof HTMLInputElement;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  switch (key) {
    case ' ':
      return onButton || onRange ? undefined : { do: 'toggle-play' }; // the focused control handles its own activation
    case 'k':
      return { do: 'toggle-play' };
    case 'm':
      return isGif ? undefined : { do: 'toggle-sound' };
    case 'f':
      return { do: 'toggle-fullscreen' };
    case 'ArrowLeft':
    case 'ArrowRight':
      return onRange || isGif ? undefined : { do: 'seek', direction: key === 'ArrowLeft' ? -1 : 1 };
    case 'ArrowUp':
    case 'ArrowDown':
      return onRange || isGif ? undefined : { do: 'volume', delta: key === 'ArrowUp' ? 0.1 : -0.1 };
    default:
      return undefined;
  }
}
