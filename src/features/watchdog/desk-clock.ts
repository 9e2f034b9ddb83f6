/**
 * A cash desk's clock, as the drawer sees it: a check dated more than a day after it arrived
 * comes from a desk with a wrong clock. Its money is real (stored, counted on its own date), but
 * it never moves the drawer (drawer.ts), and the owner is told (ingest's desk clock notice).
 */

/** A check dated more than this after its arrival never moves the drawer (a wrong clock). */
export const CLOCK_AHEAD_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export function isDatedAhead(orderedAt: Date, receivedAt: Date): boolean {
  return orderedAt.getTime() > receivedAt.getTime() + CLOCK_AHEAD_TOLERANCE_MS;
}
