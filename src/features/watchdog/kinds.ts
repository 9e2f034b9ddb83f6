import { followsDesk } from '../chat-settings/index.js';

/**
 * The watchdog's alert kinds, named in this one place: the outbox job kinds, the per-chat switch
 * (`chats.watchdog_off`, the "Watchdog" part of /settings) and the `kind` label of
 * `cashdesk_watchdog_alerts_total` all come from this list. `desk_quiet` (a cash desk that went
 * quiet, and its "selling again") is decided by a periodic task, the others at ingest
 * (src/features/watchdog/watchdog.ts).
 */
export const WATCHDOG_KINDS = ['desk_quiet', 'till_offline', 'large_return', 'large_discount', 'service_out', 'drawer_mismatch'] as const;

export type WatchdogKind = (typeof WATCHDOG_KINDS)[number];

export function isWatchdogKind(value: unknown): value is WatchdogKind {
  return typeof value === 'string' && (WATCHDOG_KINDS as readonly string[]).includes(value);
}

/** Whether a chat gets a watchdog alert of this kind about this cash desk: its desk filter, its switches. */
export function wantsWatchdogAlert(chat: { deskFilter: string[] | null; watchdogOff: readonly string[] }, kind: WatchdogKind, numFiscal: string): boolean {
  return followsDesk(chat, numFiscal) && !chat.watchdogOff.includes(kind);
}
