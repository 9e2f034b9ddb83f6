import type { CheckKind } from '../cashdesk/kinds.js';

/**
 * Every text the bot and its alerts show, as plain functions of plain values: the renderers
 * (src/telegram/render/) escape what comes out for Telegram's HTML. A language is one object of
 * this type, so a missing translation is a type error.
 */
export const LANGS = ['uk', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The commands the bot answers, in the order /help and the command menu list them. */
export const COMMANDS = [
  'today',
  'receipt',
  'mute',
  'unmute',
  'lowcash',
  'highcash',
  'invite',
  'webhook',
  'rotate',
  'lang',
  'help',
  'start',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Messages that other parts of the service may send as an outbox 'notice' job. */
export const NOTICE_KEYS = ['member_joined', 'rejected_check', 'chat_left', 'undelivered'] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

export interface Catalogue {
  lang: Lang;
  /** Locale for Intl/luxon (weekday names). */
  locale: string;
  /** The language's own name, for /lang. */
  languageName: string;

  common: {
    notConnected: string;
    ownerOnly: string;
    registrationClosed: string;
    failed: string;
    unknownCommand: string;
    usage(line: string): string;
    off: string;
  };

  commands: Record<CommandName, { usage: string; description: string }>;
  help: { intro: string; ownerTitle: string; everyoneTitle: string };

  start: {
    registered: string;
    again: string;
    urlLabel: string;
    stepsTitle: string;
    steps: readonly string[];
    keepSecret: string;
    next: string;
    memberHere: string;
    reactivated: string;
    privateOnly(botUsername: string): string;
  };

  invite: {
    created(expires: string): string;
    forPerson: string;
    forGroup: string;
    joined: string;
    invalid: string;
    otherBusiness: string;
    alreadyHere: string;
  };

  webhook: { rotated: string; oldStops: string };

  kind: Record<CheckKind, string>;
  sale: {
    cashDesk(numFiscal: string): string;
    checkNo(number: string): string;
    offline: string;
    discount: string;
    rounding: string;
    total: string;
    cash: string;
    cashless: string;
    changeGiven(provided: string, remains: string): string;
    noItems: string;
    more(n: number): string;
    receiptButton: string;
    pdfButton: string;
  };

  digest: {
    title(count: number): string;
    salesTotal: string;
    returnsTotal: string;
  };

  today: {
    title(date: string): string;
    sales: string;
    returns: string;
    net: string;
    cash: string;
    cashless: string;
    average: string;
    serviceIn: string;
    serviceOut: string;
    rounding: string;
    count(n: number): string;
    cashDesks: string;
    desk(numFiscal: string): string;
    drawer: string;
    drawerUnknown: string;
    empty: string;
  };

  summary: {
    title(date: string): string;
    top: string;
    weekAgo(date: string, weekday: string): string;
    change(percent: string): string;
    noSalesWeekAgo: string;
  };

  cash: {
    low(numFiscal: string): string;
    high(numFiscal: string): string;
    inDrawer: string;
    threshold: string;
    highHint: string;
  };

  receipt: {
    caption(number: string, time: string, total: string): string;
    noPdf: string;
    linkLabel: string;
    nothing: string;
    notFound: string;
    sending: string;
  };

  thresholds: {
    lowTitle: string;
    highTitle: string;
    allDesks: string;
    byDefault: string;
    now: string;
    setAll(kind: 'low' | 'high', value: string): string;
    setDesk(kind: 'low' | 'high', numFiscal: string, value: string): string;
    deskNotFound(numFiscal: string): string;
    knownDesks: string;
    noDesks: string;
  };

  mute: { muted: string; unmuted: string };

  language: { current: string; changed: string; choose: string };

  notices: {
    memberJoined(title: string): string;
    rejectedCheck(count: number): string;
    rejectedHint: string;
    chatLeft(title: string): string;
    undelivered(count: number, since: string): string;
    undeliveredHint: string;
  };
}
