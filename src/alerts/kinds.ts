/**
 * The watchdog's alert kinds: what a chat may switch off one by one (`chats.watchdog_off`).
 * `desk_quiet` covers both the "went quiet" alert and its "selling again" follow-up.
 */
export const WATCHDOG_KINDS = ['desk_quiet', 'till_offline', 'large_return', 'large_discount', 'service_out', 'drawer_mismatch'] as const;
export type WatchdogKind = (typeof WATCHDOG_KINDS)[number];
