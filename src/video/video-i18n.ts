/**
 * The video player's own interface strings (labels, announcements, messages) in a few
 * languages; English is the fallback. Kept apart from the post's strings so a page
 * without video never loads them.
 */
import { baseLanguage } from '../shared/i18n.js';

const en = {
  playVideo: 'Play video',
  playGif: 'Play GIF',
  play: 'Play',
  pause: 'Pause',
  stop: 'Stop',
  mute: 'Mute',
  unmute: 'Unmute',
  seek: 'Seek',
  timeOf: '{current} of {total}',
  fullscreen: 'Full screen',
  exitFullscreen: 'Exit full screen',
  captionsOn: 'Show captions',
  captionsOff: 'Hide captions',
  playing: 'Playing',
  paused: 'Paused',
  stopped: 'Stopped',
  soundOff: 'Sound off',
  soundOn: 'Sound on',
  failed: 'This video can’t be played here.',
  unavailable: 'This video is unavailable.',
  watchOnX: 'Watch on X',
  videoPlayer: 'Video player',
  gifPlayer: 'GIF player',
  consentWhat: 'This post’s video',
} as const;

/** The keys of the player's strings. */
export type VideoMessageKey = keyof typeof en;

const catalogues: Record<string, Partial<Record<VideoMessageKey, string>>> = {
  en,
  es: {
    playVideo: 'Reproducir vídeo',
    play: 'Reproducir',
    pause: 'Pausa',
    stop: 'Detener',
    mute: 'Silenciar',
    unmute: 'Activar sonido',
    fullscreen: 'Pantalla completa',
    exitFullscreen: 'Salir de pantalla completa',
    failed: 'Este vídeo no se puede reproducir aquí.',
    watchOnX: 'Ver en X',
  },
  fr: {
    playVideo: 'Lire la vidéo',
    play: 'Lire',
    pause: 'Pause',
    stop: 'Arrêter',
    mute: 'Couper le son',
    unmute: 'Activer le son',
    fullscreen: 'Plein écran',
    exitFullscreen: 'Quitter le plein écran',
    failed: 'Cette vidéo ne peut pas être lue ici.',
    watchOnX: 'Regarder sur X',
  },
  de: {
    playVideo: 'Video abspielen',
    play: 'Abspielen',
    pause: 'Pause',
    stop: 'Stopp',
    mute: 'Stummschalten',
    unmute: 'Ton an',
    fullscreen: 'Vollbild',
    exitFullscreen: 'Vollbild beenden',
    failed: 'Dieses Video kann hier nicht abgespielt werden.',
    watchOnX: 'Auf X ansehen',
  },
};

/** The player string `key` in `lang` (English fallback), with `{name}` placeholders filled from `vars`. */
export function videoMsg(key: VideoMessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  const template = catalogues[baseLanguage(lang)]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** `m:ss` (or `h:mm:ss`) for a number of seconds. */
export function formatTime(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
