import { z } from 'zod';
import type { QuietHours } from '../settings/chat-settings.js';
import { MINUTES_PER_DAY } from '../time/clock.js';

/**
 * What the /settings buttons carry back (`set:…`, at most 64 bytes). Parsed with zod; anything
 * else is ignored. It names no chat: a press changes the chat it was pressed in, and a cash desk
 * id is looked up within that chat's business.
 */
export type SettingsAction =
  | { setting: 'alerts'; on: boolean }
  | { setting: 'onlyReturns'; on: boolean }
  | { setting: 'minSum'; kop: number }
  | { setting: 'quiet'; quiet: QuietHours | null }
  | { setting: 'desk'; deskId: number | 'all' }
  | { setting: 'summary'; minutes: number | null }
  | { setting: 'topic' };

export const SETTINGS_PREFIX = 'set:';

const minute = z
  .string()
  .transform(Number)
  .pipe(z.number().int().min(0).max(MINUTES_PER_DAY - 1));

const schema = z.union([
  z
    .string()
    .regex(/^set:alerts:(on|off)$/)
    .transform((s) => ({ setting: 'alerts' as const, on: s.endsWith(':on') })),
  z
    .string()
    .regex(/^set:ret:(on|off)$/)
    .transform((s) => ({ setting: 'onlyReturns' as const, on: s.endsWith(':on') })),
  z
    .string()
    .regex(/^set:min:(0|[1-9]\d{0,11})$/)
    .transform((s) => ({ setting: 'minSum' as const, kop: Number(s.slice(8)) })),
  z.literal('set:quiet:off').transform(() => ({ setting: 'quiet' as const, quiet: null })),
  z
    .string()
    .regex(/^set:quiet:\d{1,4}-\d{1,4}$/)
    .transform((s) => s.slice(10).split('-'))
    .pipe(z.tuple([minute, minute]))
    .refine(([from, to]) => from !== to)
    .transform(([from, to]) => ({ setting: 'quiet' as const, quiet: { from, to } })),
  z.literal('set:desk:all').transform(() => ({ setting: 'desk' as const, deskId: 'all' as const })),
  z
    .string()
    .regex(/^set:desk:[1-9]\d{0,14}$/)
    .transform((s) => ({ setting: 'desk' as const, deskId: Number(s.slice(9)) })),
  z.literal('set:sum:def').transform(() => ({ setting: 'summary' as const, minutes: null })),
  z
    .string()
    .regex(/^set:sum:\d{1,4}$/)
    .transform((s) => s.slice(8))
    .pipe(minute)
    .transform((minutes) => ({ setting: 'summary' as const, minutes })),
  z.literal('set:topic:here').transform(() => ({ setting: 'topic' as const })),
]);

export function parseSettingsCallback(data: unknown): SettingsAction | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export const settingsCallbackData = {
  alerts: (on: boolean) => `set:alerts:${on ? 'on' : 'off'}`,
  onlyReturns: (on: boolean) => `set:ret:${on ? 'on' : 'off'}`,
  minSum: (kop: number) => `set:min:${kop}`,
  quiet: (quiet: QuietHours | null) => (quiet ? `set:quiet:${quiet.from}-${quiet.to}` : 'set:quiet:off'),
  desk: (deskId: number | 'all') => `set:desk:${deskId}`,
  summary: (minutes: number | null) => (minutes === null ? 'set:sum:def' : `set:sum:${minutes}`),
  topic: () => 'set:topic:here',
};
