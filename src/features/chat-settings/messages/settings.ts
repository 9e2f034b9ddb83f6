import type { InlineKeyboardButton } from 'grammy/types';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import type { QuietHours } from '../chat-settings.js';
import { formatClock } from '../../../platform/time/clock.js';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import { bold, escapeHtml, italic, outgoing } from '../../../platform/telegram/html.js';
import { SETTINGS_SECTIONS, settingsCallbackData as data, type SettingsScreen } from './settings-callback.js';

/** One chat's settings as /settings shows them. */
export interface SettingsView {
  muted: boolean;
  minSaleKop: number | null;
  onlyReturns: boolean;
  deskFilter: string[] | null;
  quiet: QuietHours | null;
  summaryMinutes: number | null;
  /** Whether the chat's own summary time brings the previous day's figures (a morning report); false without one. */
  summaryPreviousDay: boolean;
  /** When the shop's own summary goes out today (DAILY_SUMMARY_CRON), for a chat that follows it; null when not today. */
  shopSummaryMinutes: number | null;
  threadId: number | null;
  /** The business's cash desks. */
  desks: ReadonlyArray<{ id: number; numFiscal: string }>;
  /** A group or supergroup (where topics exist). */
  isGroup: boolean;
  /** The topic the menu is shown in; null outside topics. */
  hereThreadId: number | null;
  /** The watchdog's kinds (src/features/watchdog/kinds.ts) and those switched off in this chat. */
  watchdogKinds: readonly string[];
  watchdogOff: readonly string[];
}

/** The presets the buttons offer; any other value is one command away (the hint says how). */
const MIN_SUM_PRESETS = [0, 1_000, 5_000, 10_000, 50_000] as const;
const QUIET_PRESETS: ReadonlyArray<QuietHours | null> = [null, { from: 22 * 60, to: 8 * 60 }, { from: 23 * 60, to: 7 * 60 }, { from: 21 * 60, to: 9 * 60 }];
const SUMMARY_PRESETS: readonly number[] = [9 * 60, 18 * 60, 20 * 60, 21 * 60, 22 * 60, 23 * 60];
/** Cash desks with a button of their own; the rest by /desks. */
const DESK_BUTTONS = 9;
/** Buttons in a row at most: wider rows are cut off on a phone. */
export const MAX_ROW = 3;

const mark = (chosen: boolean, label: string) => (chosen ? `✓ ${label}` : label);
const quietLabel = (q: QuietHours) => `${formatClock(q.from)}–${formatClock(q.to)}`;
const sameQuiet = (a: QuietHours | null, b: QuietHours | null) => (a === null || b === null ? a === b : a.from === b.from && a.to === b.to);
const button = (text: string, callback_data: string): InlineKeyboardButton => ({ text, callback_data });

function rows<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The values as the menu states them (the section list shows them all; each section its own). */
function values(v: SettingsView, t: Catalogue) {
  const s = t.settings;
  const w = t.watchdog;
  const kindName = (kind: string) => w.kinds[kind] ?? kind;
  const off = v.watchdogKinds.filter((k) => v.watchdogOff.includes(k));
  const shopSummary = v.shopSummaryMinutes === null ? s.summaryDefault : s.summaryShop(formatClock(v.shopSummaryMinutes));
  return {
    kindName,
    alerts: v.muted ? s.off : s.on,
    desks: v.deskFilter === null ? s.allDesks : v.deskFilter.length === 0 ? s.noDesks : v.deskFilter.join(', '),
    topic: v.threadId === null ? s.general : `#${v.threadId}`,
    minSum: v.minSaleKop ? formatMoney(v.minSaleKop) : s.anyAmount,
    onlyReturns: v.onlyReturns ? s.on : s.off,
    quiet: v.quiet ? `${quietLabel(v.quiet)} (${s.quietNote})` : s.off,
    shopSummary,
    summary: v.summaryMinutes === null ? shopSummary : `${formatClock(v.summaryMinutes)}${v.summaryPreviousDay ? ` (${s.summaryMorning})` : ''}`,
    watchdog: off.length === 0 ? w.allOn : w.someOff(off.map(kindName).join(', ')),
  };
}

/**
 * /settings: the chat's settings by section (delivery, noise, summary, watchdog). `home` lists
 * the sections with their values and a button for each; a section's screen has, per setting, a
 * label row (what it is and its value) and the choices under it, at most three a row, and a
 * Back button. Pure.
 */
export function renderSettings(v: SettingsView, t: Catalogue, screen: SettingsScreen = 'home'): OutgoingMessage {
  const s = t.settings;
  const val = values(v, t);
  const line = (label: string, value: string) => `${escapeHtml(label)}: ${bold(value)}`;
  const label = (text: string, value?: string) => [button(value === undefined ? text : `${text}: ${value}`, data.label())];
  const back = [button(s.back, data.screen('home'))];
  const scope = v.isGroup ? s.scopeGroup : s.scopePrivate;

  if (screen === 'home') {
    const lines = [
      bold(s.title),
      '',
      bold(s.sections.delivery),
      line(s.alerts, val.alerts),
      line(s.desks, val.desks),
      ...(v.isGroup ? [line(s.topic, val.topic)] : []),
      '',
      bold(s.sections.noise),
      line(s.minSum, val.minSum),
      line(s.onlyReturns, val.onlyReturns),
      line(s.quiet, val.quiet),
      '',
      bold(s.sections.summary),
      line(s.summary, val.summary),
      '',
      bold(s.sections.watchdog),
      line(t.watchdog.settingsTitle, val.watchdog),
      '',
      italic(scope),
      '',
      escapeHtml(s.chooseSection),
    ];
    const keyboard = rows(
      SETTINGS_SECTIONS.map((section) => button(s.sections[section], data.screen(section))),
      2,
    );
    return outgoing(lines.join('\n'), { replyMarkup: { inline_keyboard: keyboard } });
  }

  const head = [bold(`${s.sections[screen]} · ${s.title}`), ''];
  const tail = ['', italic(`${s.hint} ${scope}`)];
  let body: string[];
  let keyboard: InlineKeyboardButton[][];
  switch (screen) {
    case 'delivery': {
      body = [line(s.alerts, val.alerts), line(s.desks, val.desks), ...(v.isGroup ? [line(s.topic, val.topic)] : [])];
      const deskButtons = v.desks.slice(0, DESK_BUTTONS).map((d) => button(`${v.deskFilter === null || v.deskFilter.includes(d.numFiscal) ? '✅' : '⬜'} ${d.numFiscal}`, data.desk(d.id)));
      keyboard = [
        label(s.alerts),
        [button(mark(!v.muted, `🔔 ${s.on}`), data.alerts(true)), button(mark(v.muted, `🔕 ${s.off}`), data.alerts(false))],
        ...(deskButtons.length > 0 ? [label(s.desks, val.desks), ...rows(deskButtons, MAX_ROW)] : []),
        ...(v.deskFilter !== null ? [[button(`${s.desks}: ${s.allDesks}`, data.desk('all'))]] : []),
      ];
      if (v.isGroup) {
        keyboard.push(label(s.topic, val.topic));
        if (v.hereThreadId !== v.threadId) keyboard.push([button(v.hereThreadId === null ? s.toGeneral : s.toThisTopic, data.topic())]);
      }
      if (v.desks.length > DESK_BUTTONS) body.push(escapeHtml(s.moreDesks(v.desks.length - DESK_BUTTONS)));
      break;
    }
    case 'noise':
      body = [line(s.minSum, val.minSum), line(s.onlyReturns, val.onlyReturns), line(s.quiet, val.quiet)];
      keyboard = [
        label(s.minSum),
        ...rows(
          MIN_SUM_PRESETS.map((kop) => button(mark((v.minSaleKop ?? 0) === kop, kop === 0 ? s.anyAmount : formatMoney(kop)), data.minSum(kop))),
          MAX_ROW,
        ),
        label(`↩️ ${s.onlyReturns}`),
        [button(mark(v.onlyReturns, s.on), data.onlyReturns(true)), button(mark(!v.onlyReturns, s.off), data.onlyReturns(false))],
        label(`🌙 ${s.quiet}`),
        ...rows(
          QUIET_PRESETS.map((q) => button(mark(sameQuiet(v.quiet, q), q ? quietLabel(q) : s.off), data.quiet(q))),
          2,
        ),
      ];
      break;
    case 'summary':
      body = [line(s.summary, val.summary)];
      keyboard = [
        label(s.summaryRow),
        [button(mark(v.summaryMinutes === null, val.shopSummary), data.summary(null))],
        ...rows(
          SUMMARY_PRESETS.map((m) => button(mark(v.summaryMinutes === m, formatClock(m)), data.summary(m))),
          MAX_ROW,
        ),
      ];
      break;
    case 'watchdog':
      body = [line(t.watchdog.settingsTitle, val.watchdog)];
      // Each kind on (✅) or off (⬜) in this chat; a press flips it.
      keyboard = [
        label(s.watchdogRow),
        ...rows(
          v.watchdogKinds.map((k) => {
            const on = !v.watchdogOff.includes(k);
            return button(`${on ? '✅' : '⬜'} ${val.kindName(k)}`, data.watchdog(k, !on));
          }),
          1,
        ),
      ];
      break;
  }
  keyboard.push(back);
  return outgoing([...head, ...body, ...tail].join('\n'), { replyMarkup: { inline_keyboard: keyboard } });
}
