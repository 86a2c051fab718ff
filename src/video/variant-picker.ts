/**
 * Which encoding of a video to play: the smallest MP4 at least as wide as the player
 * will show it (CSS width × device pixel ratio, capped at 2), the lightest one under
 * `Save-Data`, and an HLS playlist only when the browser plays HLS natively and there
 * is no MP4. Pure functions: no DOM.
 */
import type { VideoVariant } from '../data/model.js';

/** What the choice depends on. */
export interface VariantNeeds {
  /** Rendered width of the player, CSS pixels. */
  cssWidth: number;
  /** `devicePixelRatio`. */
  dpr: number;
  /** The visitor asked to save data (`navigator.connection.saveData`). */
  saveData: boolean;
  /** The browser plays HLS natively (`canPlayType('application/vnd.apple.mpegurl')`). */
  nativeHls: boolean;
}

const HLS_TYPES = ['application/x-mpegurl', 'application/vnd.apple.mpegurl'];

/** Pixel width of a variant from X's URL shape (`…/vid/886x546/…`), when present. */
export function variantWidth(variant: VideoVariant): number | undefined {
  const m = /\/(\d{2,5})x(\d{2,5})\//.exec(variant.url);
  return m === null ? undefined : Number(m[1]);
}

function isMp4(v: VideoVariant): boolean {
  return v.contentType.toLowerCase() === 'video/mp4';
}

/** The variant to play, or undefined when none can be played here. */
export function pickVariant(variants: readonly VideoVariant[], needs: VariantNeeds): VideoVariant | undefined {
  const mp4 = variants.filter(isMp4);
  if (mp4.length === 0) return needs.nativeHls ? variants.find((v) => HLS_TYPES.includes(v.contentType.toLowerCase())) : undefined;
  // Ascending by width when X's URLs say it, else by bitrate.
  const size = (v: VideoVariant): number => variantWidth(v) ?? (v.bitrate ?? 0) / 1000;
  const sorted = [...mp4].sort((a, b) => size(a) - size(b) || (a.bitrate ?? 0) - (b.bitrate ?? 0));
  if (needs.saveData) return sorted[0];
  const target = Math.max(1, needs.cssWidth) * Math.min(2, Math.max(1, needs.dpr));
  const known = sorted.filter((v) => variantWidth(v) !== undefined);
  if (known.length === 0) {
    // No widths: pick by rank, assuming X's ladder roughly tracks widths 320…1280.
    const rank = Math.min(sorted.length - 1, Math.floor((target / 1280) * sorted.length));
    return sorted[rank];
  }
  return known.find((v) => (variantWidth(v) ?? 0) >= target) ?? known[known.length - 1];
}
