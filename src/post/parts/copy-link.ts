/**
 * The "Copy link" action: copies a post's address and says so, on the button and to
 * screen readers. Where the Clipboard API is missing (pages not served over HTTPS) or
 * refuses, the older copy command is tried from a hidden field; if that fails too, the button says so.
 */
import { msg } from '../../shared/i18n.js';

function copyWithCommand(text: string, button: HTMLButtonElement): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.className = 'copy-field';
  button.after(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    // copied stays false
  }
  field.remove();
  button.focus();
  return copied;
}

/** Copy `url` after a press on `button`, then show and announce the outcome for a few seconds. */
export async function copyLink(button: HTMLButtonElement, url: string, lang: string | undefined): Promise<void> {
  let copied = true;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    copied = copyWithCommand(url, button);
  }
  const shown = [button.querySelector('.copy-note'), button.nextElementSibling];
  const say = (text: string): void => shown.forEach((el) => el && (el.textContent = text));
  button.dataset['state'] = copied ? 'done' : 'failed';
  say(msg(copied ? 'copied' : 'copyFailed', lang));
  setTimeout(() => {
    delete button.dataset['state'];
    say('');
  }, 4000);
}
