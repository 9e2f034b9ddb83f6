import type { DrawerState, WatchdogThresholds } from '../watchdog/index.js';

/** A chat that may be told about a check, with its noise control. */
export interface Recipient {
  chatId: number;
  muted: boolean;
  minSaleKop: number | null;
  onlyReturns: boolean;
  deskFilter: string[] | null;
  watchdogOff: string[];
}

/** One check of a store statement: stored, or not (a duplicate, a revoked token, over the desk limit, or lost in a race). */
export type StoredCheck =
  | {
      ord: number;
      checkId: number;
      deskId: number;
      existingId: null;
      revoked: false;
      /** For an online check: when its desk's offline episode opened, if one was open (as this statement saw it). */
      episodeAt: Date | null;
    }
  | { ord: number; checkId: null; deskId: null; existingId: number | null; revoked: boolean; /** Its new cash desk is beyond the shop's limit. */ overCap: boolean };

/** What a store statement answers, decoded. */
export interface Stored {
  checks: StoredCheck[];
  /** The drawer of each desk for which a new check carries a figure (its row locked). */
  desks: Map<number, DrawerState>;
  /** The active chats of each business with a new check. */
  recipients: Map<number, Recipient[]>;
  thresholds: Map<number, WatchdogThresholds>;
}

/** The store statement's one row (jsonb columns, as text or parsed, by driver). */
export interface StoredRow extends Record<string, unknown> {
  checks: unknown;
  desks: unknown;
  recipients: unknown;
  thresholds: unknown;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The store statement's row as typed values (bigints come as numbers or strings). */
export function decodeStoredRow(row: StoredRow | undefined): Stored {
  const checks = fromJson<Array<{ ord: number; checkId: unknown; deskId: unknown; existingId: unknown; revoked: unknown; overCap: unknown; episodeAt: unknown }>>(
    row?.checks ?? '[]',
  ).map(
    (c): StoredCheck =>
      c.checkId == null
        ? {
            ord: c.ord,
            checkId: null,
            deskId: null,
            existingId: c.revoked === true ? null : num(c.existingId),
            revoked: c.revoked === true,
            overCap: c.overCap === true,
          }
        : {
            ord: c.ord,
            checkId: Number(c.checkId),
            deskId: Number(c.deskId),
            existingId: null,
            revoked: false,
            episodeAt: typeof c.episodeAt === 'string' ? new Date(c.episodeAt) : null,
          },
  );
  const desks = new Map<number, DrawerState>();
  for (const d of fromJson<Array<Record<string, unknown>>>(row?.desks ?? '[]')) {
    desks.set(Number(d.id), {
      cashKop: num(d.cashKop),
      cashAt: d.cashAt == null ? null : new Date(d.cashAt as string),
      lowAlerted: d.lowAlerted === true,
      highAlerted: d.highAlerted === true,
      lowKop: Number(d.lowKop),
      highKop: Number(d.highKop),
      mismatchOn: typeof d.mismatchOn === 'string' ? d.mismatchOn : null,
    });
  }
  const recipients = new Map<number, Recipient[]>();
  for (const r of fromJson<Array<Recipient & { businessId: unknown }>>(row?.recipients ?? '[]')) {
    const { businessId, ...recipient } = r;
    const list = recipients.get(Number(businessId)) ?? [];
    list.push(recipient);
    recipients.set(Number(businessId), list);
  }
  const thresholds = new Map<number, WatchdogThresholds>();
  for (const t of fromJson<Array<Record<string, unknown>>>(row?.thresholds ?? '[]')) {
    thresholds.set(Number(t.businessId), { returnKop: num(t.returnKop), discountPct: num(t.discountPct), withdrawKop: num(t.withdrawKop) });
  }
  return { checks, desks, recipients, thresholds };
}
