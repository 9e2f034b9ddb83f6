import type { InlineKeyboardButton } from 'grammy/types';
import type { Catalogue } from '../i18n/catalogue.js';
import { formatMoney } from '../money/format.js';
import { MORNING_UNTIL } from '../schedules/summary-date.js';
import type { QuietHours } from '../settings/chat-settings.js';
import { formatClock } from '../time/clock.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import { bold, escapeHtml, italic, outgoing } from './html.js';
import { settingsCallbackData as data } from './settings-callback.js';

/** One chat's settings as /settings shows them. */
export interface SettingsView {
  muted: boolean;
  minSaleKop: number | null;
  onlyReturns: boolean;
  deskFilter: string[] | null;
  quiet: QuietHours | null;
  summaryMinutes: number | null;
  threadId: number | null;
  /** The business's cash desks. */
  desks: ReadonlyArray<{ id: number; numFiscal: string }>;
  /** A group or supergroup (where topics exist). */
  isGroup: boolean;
  /** The topic the menu is shown in; null outside topics. */
  hereThreadId: number | null;
}

/** The presets the buttons offer; any other value is one command away (the hint says how). */
const MIN_SUM_PRESETS = [0, 1_000, 5_000, 10_000, 50_000] as const;
const QUIET_PRESETS: ReadonlyArray<QuietHours | null> = [null, { from: 22 * 60, to: 8 * 60 }, { from: 23 * 60, to: 7 * 60 }, { from: 21 * 60, to: 9 * 60 }];
const SUMMARY_PRESETS: ReadonlyArray<number | null> = [null, 9 * 60, 20 * 60, 21 * 60, 22 * 60];
/** Cash desks with a button of their own; the rest by /desks. */
const DESK_BUTTONS = 9;

const mark = (chosen: boolean, label: string) => (chosen ? `✓ ${label}` : label);
const quietLabel = (q: QuietHours) => `${formatClock(q.from)}–${formatClock(q.to)}`;
const sameQuiet = (a: QuietHours | null, b: QuietHours | null) => (a === null || b === null ? a === b : a.from === b.from && a.to === b.to);
const button = (text: string, callback_data: string): InlineKeyboardButton => ({ text, callback_data });

function rows<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** /settings: the chat's settings and a button for each. Pure. */
export function renderSettings(v: SettingsView, t: Catalogue): OutgoingMessage {
  const s = t.settings;
  const line = (label: string, value: string) => `${escapeHtml(label)}: ${bold(value)}`;
  const deskValue = v.deskFilter === null ? s.allDesks : v.deskFilter.length === 0 ? s.noDesks : v.deskFilter.join(', ');
  const summaryValue =
    v.summaryMinutes === null ? s.summaryDefault : `${formatClock(v.summaryMinutes)}${v.summaryMinutes < MORNING_UNTIL ? ` (${s.summaryMorning})` : ''}`;
  const lines = [
    bold(s.title),
    '',
    line(s.alerts, v.muted ? s.off : s.on),
    line(s.minSum, v.minSaleKop ? formatMoney(v.minSaleKop) : s.anyAmount),
    line(s.onlyReturns, v.onlyReturns ? s.on : s.off),
    line(s.desks, deskValue),
    `${line(s.quiet, v.quiet ? quietLabel(v.quiet) : s.off)}${v.quiet ? ` ${escapeHtml(`(${s.quietNote})`)}` : ''}`,
    line(s.summary, summaryValue),
  ];
  if (v.isGroup) lines.push(line(s.topic, v.threadId === null ? s.general : `#${v.threadId}`));
  lines.push('', italic(s.hint));

  const keyboard: InlineKeyboardButton[][] = [
    [
      button(`${v.muted ? '🔕' : '🔔'} ${s.alerts}: ${v.muted ? s.off : s.on}`, data.alerts(v.muted)),
      button(`↩️ ${s.onlyReturns}: ${v.onlyReturns ? s.on : s.off}`, data.onlyReturns(!v.onlyReturns)),
    ],
    MIN_SUM_PRESETS.map((kop) => button(mark((v.minSaleKop ?? 0) === kop, kop === 0 ? s.anyAmount : formatMoney(kop)), data.minSum(kop))),
    QUIET_PRESETS.map((q) => button(mark(sameQuiet(v.quiet, q), q ? `🌙 ${quietLabel(q)}` : `🌙 ${s.off}`), data.quiet(q))),
    ...rows(
      [
        ...(v.deskFilter !== null ? [button(`${s.desks}: ${s.allDesks}`, data.desk('all'))] : []),
        ...v.desks.slice(0, DESK_BUTTONS).map((d) => button(`${v.deskFilter === null || v.deskFilter.includes(d.numFiscal) ? '✅' : '⬜'} ${d.numFiscal}`, data.desk(d.id))),
      ],
      3,
    ),
    SUMMARY_PRESETS.map((m) => button(mark(v.summaryMinutes === m, m === null ? `Z: ${s.summaryDefault}` : `Z ${formatClock(m)}`), data.summary(m))),
  ];
  if (v.isGroup && v.hereThreadId !== v.threadId) {
    keyboard.push([button(v.hereThreadId === null ? s.toGeneral : s.toThisTopic, data.topic())]);
  }
  if (v.desks.length > DESK_BUTTONS) lines.splice(lines.length - 2, 0, escapeHtml(s.moreDesks(v.desks.length - DESK_BUTTONS)));
  return outgoing(lines.join('\n'), { replyMarkup: { inline_keyboard: keyboard } });
}
