import { z } from 'zod';
import type { QuietHours } from '../chat-settings.js';
import { MINUTES_PER_DAY } from '../../../platform/time/clock.js';

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
  | { setting: 'topic' }
  /** A watchdog kind on or off in this chat (the kind is checked against src/features/watchdog/kinds.ts where it is applied). */
  | { setting: 'watchdog'; kind: string; on: boolean }
  /** Navigation, which changes nothing: a section's screen, the section list, a row's label. */
  | { setting: 'screen'; screen: SettingsScreen }
  | { setting: 'label' };

/** The menu's screens: the section list, and one per section. */
export const SETTINGS_SECTIONS = ['delivery', 'noise', 'summary', 'watchdog'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
export type SettingsScreen = 'home' | SettingsSection;

/** The section a setting is shown in (the menu comes back to it after a press). */
export function sectionOf(action: SettingsAction): SettingsScreen {
  switch (action.setting) {
    case 'alerts':
    case 'desk':
    case 'topic':
      return 'delivery';
    case 'onlyReturns':
    case 'minSum':
    case 'quiet':
      return 'noise';
    case 'summary':
      return 'summary';
    case 'watchdog':
      return 'watchdog';
    case 'screen':
      return action.screen;
    case 'label':
      return 'home';
  }
}

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
  z.literal('set:home').transform(() => ({ setting: 'screen' as const, screen: 'home' as const })),
  z
    .string()
    .regex(/^set:sec:[a-z]{1,10}$/)
    .transform((s) => s.slice(8))
    .pipe(z.enum(SETTINGS_SECTIONS))
    .transform((screen) => ({ setting: 'screen' as const, screen })),
  z.literal('set:label').transform(() => ({ setting: 'label' as const })),
  z
    .string()
    .regex(/^set:wd:[a-z_]{1,32}:(on|off)$/)
    .transform((s) => ({ setting: 'watchdog' as const, kind: s.slice(7, s.lastIndexOf(':')), on: s.endsWith(':on') })),
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
  watchdog: (kind: string, on: boolean) => `set:wd:${kind}:${on ? 'on' : 'off'}`,
  screen: (screen: SettingsScreen) => (screen === 'home' ? 'set:home' : `set:sec:${screen}`),
  label: () => 'set:label',
};
