/**
 * Every text the bot and its alerts show, as plain functions of plain values: the renderers
 * (src/messages/) escape what comes out for Telegram's HTML. A language is one object of
 * this type, so a missing translation is a type error.
 */
export const LANGS = ['uk', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The kinds of a stored check, as the catalogue names them. The vocabulary is
 * platform/db/check-kinds.ts's CHECK_KINDS, which is checked against this at compile time.
 */
export type NamedCheckKind = 'sale' | 'return' | 'service_in' | 'service_out' | 'other';

/** The commands the bot answers (/help and the command menu keep their own order). */
export type CommandName =
  | 'today'
  | 'week'
  | 'month'
  | 'report'
  | 'export'
  | 'receipt'
  | 'app'
  | 'mute'
  | 'unmute'
  | 'settings'
  | 'minsum'
  | 'quiet'
  | 'onlyreturns'
  | 'desks'
  | 'summarytime'
  | 'lowcash'
  | 'highcash'
  | 'returnalert'
  | 'discountalert'
  | 'withdrawalert'
  | 'invite'
  | 'members'
  | 'name'
  | 'webhook'
  | 'rotate'
  | 'lang'
  | 'help'
  | 'start';

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
    forGroupByHand: string;
    joined: string;
    invalid: string;
    otherBusiness: string;
    alreadyHere: string;
    /** After otherBusiness/alreadyHere in a group: the code is used up. */
    spentInGroup: string;
    /** After otherBusiness/alreadyHere in a private chat: the code still works elsewhere. */
    keptForPrivate: string;
  };

  webhook: { rotated: string; oldStops: string };

  /** The shop's name (/name; features/shops/shop-name.ts). */
  shop: {
    /** Until the owner names it. */
    unnamed(id: number): string;
    current(name: string): string;
    renamed(name: string): string;
    tooLong(max: number): string;
    badCharacters: string;
  };
  /** Arguments the right shape but out of range: said specifically, with the usage line after. */
  argErrors: { percentRange: string; periodReversed: string };

  kind: Record<NamedCheckKind, string>;
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
    /** A property, not a method: renderers pass it on unbound (`more: t.sale.more`). */
    more: (n: number) => string;
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

  charts: {
    hourlyTitle(date: string): string;
    weekAgo(day: string): string;
    netByDay: string;
    noSales: string;
    /** A one-day report's bars, and the line of the day it is compared with. */
    netByHour: string;
    comparedDay(day: string): string;
    /** The short form of a bar's value (`1,2 тис.`, `1,2k`): the unit with its own leading space, if any. */
    thousand: string;
    million: string;
  };

  reports: {
    weekTitle(from: string, to: string): string;
    monthTitle(from: string, to: string): string;
    spanTitle(from: string, to: string): string;
    digestTitle(from: string, to: string): string;
    chartTitle(from: string, to: string): string;
    previous(from: string, to: string): string;
    noPrevious: string;
    top: string;
    tooLong(maxDays: number): string;
  };

  exports: {
    /** A CSV file's caption; `part` when the period comes in several files. */
    caption(from: string, to: string, checks: number, part?: { index: number; of: number }): string;
    /** An XLSX workbook's caption; `part` when the period comes in several files. */
    captionXlsx(from: string, to: string, checks: number, items: number, part?: { index: number; of: number }): string;
    /** /export answered at once: the file(s) follow through the outbox. */
    preparing(files: number, format: 'csv' | 'xlsx'): string;
    /** Refused: this person's previous export has not been sent yet. */
    waiting: string;
    /** Refused: this person asked for `perDay` exports in the last day. */
    dailyLimit(perDay: number): string;
    /** Refused: in a group, someone neither the owner nor an administrator asked. */
    adminsOnly: string;
    /** A part came out larger than Telegram takes even alone (one very busy day). */
    tooBig(from: string, to: string, megabytes: number): string;
    sheets: { checks: string; items: string };
    nothing(from: string, to: string): string;
    columns: {
      date: string;
      time: string;
      cashDesk: string;
      checkNo: string;
      uuid: string;
      kind: string;
      total: string;
      cash: string;
      cashless: string;
      discount: string;
      /** The check's total as it counts to the net (returns negative); a SUM gives the net. */
      signedTotal: string;
      position: string;
      item: string;
      code: string;
      unit: string;
      quantity: string;
      price: string;
      cost: string;
      /** An item's amount as it counts to the net (returns negative). */
      signedCost: string;
      itemDiscount: string;
      /** Items of a check (a count). */
      items: string;
      /** The check's local date and time (one cell, XLSX). */
      dateTime: string;
    };
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
    /** After /lowcash or /highcash: the cash desks whose drawer is already past it. */
    alreadyPast(kind: 'low' | 'high'): string;
  };

  /** The watchdog's alerts and their thresholds (/returnalert, /discountalert, /withdrawalert). */
  watchdog: {
    /** Each kind's name in /settings, by the names of src/features/watchdog/kinds.ts (a test holds them equal). */
    kinds: Readonly<Record<string, string>>;
    settingsTitle: string;
    allOn: string;
    someOff(names: string): string;
    checkLine(time: string, number: string): string;
    largeReturn(numFiscal: string): string;
    returnAmount(amount: string): string;
    overThreshold(threshold: string): string;
    returnShare(percent: string, returns: string, sales: string): string;
    largeDiscount(numFiscal: string): string;
    discountLine(discount: string, percent: string, before: string): string;
    discountThreshold(percent: string): string;
    total: string;
    serviceOut(numFiscal: string): string;
    withdrawn: string;
    drawerAfter: string;
    drawerMismatch(numFiscal: string): string;
    expected(expected: string, previous: string, movement: string): string;
    found: string;
    difference: string;
    mismatchHint: string;
    tillOffline(numFiscal: string): string;
    offlineSpan(from: string, to: string): string;
    offlineChecks(count: number, total: string): string;
    offlineHint: string;
    /** The thresholds' own answers. */
    returnTitle: string;
    discountTitle: string;
    withdrawTitle: string;
    everyWithdrawal: string;
    shareRule: string;
    set(title: string, value: string): string;
    pastToday: string;
    nonePastToday: string;
    pastMore(n: number): string;
  };

  mute: { muted: string; unmuted: string };

  /** /settings: one chat's noise control. */
  settings: {
    title: string;
    alerts: string;
    on: string;
    off: string;
    minSum: string;
    anyAmount: string;
    onlyReturns: string;
    desks: string;
    allDesks: string;
    noDesks: string;
    quiet: string;
    quietNote: string;
    summary: string;
    summaryDefault: string;
    summaryMorning: string;
    topic: string;
    general: string;
    toThisTopic: string;
    toGeneral: string;
    moreDesks(n: number): string;
    hint: string;
    saved: string;
    unknownDesks(list: string): string;
    /** The menu's sections (bot/settings-menu.ts), one screen each. */
    sections: { delivery: string; noise: string; summary: string; watchdog: string };
    chooseSection: string;
    back: string;
    /** The chat follows the shop's summary time, which is `time` (HH:MM). */
    summaryShop(time: string): string;
    summaryRow: string;
    watchdogRow: string;
    /** Who may change the settings, and where they apply. */
    scopePrivate: string;
    scopeGroup: string;
    /** The answer to a press on a row's label. */
    labelPressed: string;
  };

  language: { current: string; changed: string; choose: string };

  /** /members: the chats linked to the shop, and removing one. */
  members: {
    title: string;
    owner(name: string): string;
    person(name: string): string;
    group(title: string): string;
    joined(when: string): string;
    off: string;
    unnamed(chatId: number): string;
    onlyOwner: string;
    hint: string;
    removeButton(name: string): string;
    confirm(name: string): string;
    confirmButton(name: string): string;
    cancelButton: string;
    removed(name: string): string;
    gone: string;
  };

  /** Changing a group's settings. */
  admins: { only: string };

  notices: {
    memberJoined(title: string): string;
    rejectedCheck(count: number): string;
    rejectedHint: string;
    chatLeft(title: string): string;
    undelivered(count: number, since: string): string;
    undeliveredHint: string;
    /** To a group whose forum topic was closed or deleted: alerts now go to General. */
    topicClosed: string;
    /** To the owner: a chat keeps the bot but does not let it send; its alerts wait. */
    chatRefuses(title: string): string;
    chatRefusesHint: string;
    /** A refused body beyond the day's cap of kept ones (h4): counted, not kept. */
    rejectedNotKept(count: number, cap: number): string;
  };

  /** A cash desk whose checks are dated more than a day after they arrive. */
  deskClock: {
    wrong(numFiscal: string): string;
    times(checkTime: string, arrival: string): string;
    hint: string;
  };

  /** The shop reached its cash desks' limit (MAX_CASH_DESKS_PER_SHOP): told once (features/ingest/desk-cap.ts). */
  deskCap: {
    reached(cap: number): string;
    refused(numFiscal: string): string;
    hint: string;
  };

  /** The watchdog's "a cash desk went quiet" and its "selling again" (features/watchdog/silent-desk.ts). */
  deskQuiet: {
    title(numFiscal: string): string;
    /** When its last check was, and how long there has been none when it was noticed. */
    lastCheck(when: string, silence: string): string;
    /** The longest pause the desk usually makes at this hour (the limit it went past). */
    usual(limit: string): string;
    sellingAgainTitle(numFiscal: string): string;
    /** How long the silence lasted, from the last check before it to the first after it. */
    pause(length: string, from: string, to: string): string;
    /** A length of time in whole minutes: "1 h 12 min". */
    duration(minutes: number): string;
  };

  /** The Mini App dashboard: /app and the chat's menu button. */
  miniApp: {
    /** The menu button's and the inline button's label. */
    button: string;
    open: string;
    /** In a group: Web App buttons work only in the bot's private chat. */
    openInPrivate: string;
    privateButton: string;
    needsHttps(publicUrl: string): string;
  };

  /** /start's button that sends this chat a sample sale alert, marked as a test and counted nowhere (features/sales/messages/test-alert.ts). */
  testAlert: {
    /** The button under the owner's /start answer. */
    button: string;
    /** Above the sample: it is not a real sale. */
    banner: string;
    /** The button's answer: queued. */
    sending: string;
    /** The button's answer: one a minute per chat. */
    tooSoon: string;
    /** The button's answer in a chat linked to no shop. */
    notLinked: string;
  };
}
