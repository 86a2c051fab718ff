/** Opens an X intent in a 550×420 popup, as X's buttons do; reports when the browser blocked it. */

/** The popup window's name: every Perch button reuses one window. */
export const POPUP_NAME = 'perch-intent';
export const POPUP_WIDTH = 550;
export const POPUP_HEIGHT = 420;

/** `window.open` features for a popup centred over the current window. */
export function popupFeatures(win: Window = window): string {
  const left = Math.max(0, Math.round(win.screenX + (win.outerWidth - POPUP_WIDTH) / 2));
  const top = Math.max(0, Math.round(win.screenY + (win.outerHeight - POPUP_HEIGHT) / 2));
  return `width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top},scrollbars=yes,resizable=yes,toolbar=no,location=yes`;
}

/**
 * Open `url` in the intent popup. Returns false when the browser blocked the popup (so the
 * caller lets the link navigate normally). The popup gets no handle back to this page.
 */
export function openIntentPopup(url: string, win: Window = window): boolean {
  const popup = win.open(url, POPUP_NAME, popupFeatures(win));
  if (popup === null) return false;
  try {
    popup.opener = null;
  } catch {
    // cross-origin already: nothing to cut
  }
  return true;
}
