/** One video plays at a time on the page: a player that starts tells the others to pause. */

/** A player the coordinator can pause. */
export interface CoordinatedPlayer {
  /** Another player started: pause (without counting as the person's own pause). */
  yieldPlayback(): void;
}

const active = new Set<CoordinatedPlayer>();

/** `player` starts playing: every other player pauses. */
export function claimPlayback(player: CoordinatedPlayer): void {
  for (const other of [...active]) if (other !== player) other.yieldPlayback();
  active.clear();
  active.add(player);
}

/** `player` stopped or paused. */
export function releasePlayback(player: CoordinatedPlayer): void {
  active.delete(player);
}
