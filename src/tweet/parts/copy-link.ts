/**
 * The "Copy link" action: copies a post's address and says so, on the button and to
 * screen readers. Where the Clipboard API is missing (pages not served over HTTPS) or
 * refused, the older copy command is tried; if that fails too, the button says so.
 */
import { msg } from '../../shared/i18n.js';

const RESET_MS = 4000;

/** Copy `text` with the older copy command, from a field next to `button`. */
function copyWithCommand(text: string, button: HTMLButtonElement): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.readOnly = true;
  field.className = 'copy-field';
  button.after(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  button.focus();
  return copied;
}

/** Copy `url` after a press on `button`, then show and announce the outcome for a few seconds. */
export async function copyLink(button: HTMLButtonElement, url: string, lang: string | undefined): Promise<void> {
  let copied: boolean;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = copyWithCommand(url, button);
  }
  const text = msg(copied ? 'copied' : 'copyFailed', lang);
  const note = button.querySelector('.copy-note');
  const status = button.parentElement?.querySelector('.copy-status');
  button.dataset['state'] = copied ? 'done' : 'failed';
  if (note) note.textContent = text;
  if (status) status.textContent = text;
  clearTimeout(Number(button.dataset['timer']));
  button.dataset['timer'] = String(
    setTimeout(() => {
      delete button.dataset['state'];
      if (note) note.textContent = '';
      if (status) status.textContent = '';
    }, RESET_MS),
  );
}
