/** English strings of the `video` section (the source language; see `../catalogues/en.ts`). */
const video = {
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
  consentWhat: 'A video from X',
} as const;

export default video;
