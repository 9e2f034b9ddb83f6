import type { Catalogue } from './catalogue.js';

const plural = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

export const en: Catalogue = {
  lang: 'en',
  locale: 'en',
  languageName: 'English',

  common: {
    notConnected: "This chat is not connected to any shop. To get a shop's alerts here, ask its owner for an invite link.",
    ownerOnly: "Only the shop's owner can do this, in a private chat with the bot.",
    registrationClosed: "This bot is private: it works for its owner's shop only. To use it, ask its owner for an invite.",
    failed: 'That did not work. Please try again in a little while.',
    unknownCommand: 'Unknown command. All commands: /help',
    usage: (line) => `Usage: ${line}`,
    off: 'off',
  },

  commands: {
    today: { usage: '/today', description: "Today's totals" },
    week: { usage: '/week', description: "This week's report" },
    month: { usage: '/month', description: "This month's report" },
    report: { usage: '/report <from> <to> — e.g. /report 01.11.2026 30.11.2026', description: 'Report for a period' },
    export: { usage: '/export [<from> <to>] [csv|xlsx] — e.g. /export 01.11.2026 30.11.2026 xlsx; no dates: this month; csv (the default): a CSV file, xlsx: an Excel file', description: 'Checks and items as CSV or XLSX' },
    receipt: { usage: '/receipt <check uuid>', description: "A check's PDF" },
    app: { usage: '/app', description: "The shop's dashboard (Mini App)" },
    mute: { usage: '/mute', description: 'Stop sale alerts in this chat' },
    unmute: { usage: '/unmute', description: 'Resume sale alerts' },
    settings: { usage: '/settings', description: 'Alert settings of this chat' },
    minsum: { usage: '/minsum amount — e.g. /minsum 50; /minsum off announces every check', description: 'Minimum check amount for alerts' },
    quiet: { usage: '/quiet HH:MM-HH:MM or /quiet off — e.g. /quiet 22:00-08:00', description: 'Quiet hours: alerts arrive silently' },
    onlyreturns: { usage: '/onlyreturns on or /onlyreturns off', description: 'Announce returns only' },
    desks: { usage: '/desks cash desk numbers… or /desks all — e.g. /desks 50037129', description: 'Which cash desks to announce' },
    summarytime: { usage: '/summarytime HH:MM or /summarytime default — e.g. /summarytime 21:00', description: "This chat's Z summary time" },
    lowcash: {
      usage: '/lowcash [cash desk number] amount — e.g. /lowcash 500 or /lowcash 50037129 300.50; 0 turns it off',
      description: 'Low-cash threshold',
    },
    highcash: {
      usage: '/highcash [cash desk number] amount — e.g. /highcash 10000 or /highcash 50037129 8000; 0 turns it off',
      description: 'Too-much-cash threshold',
    },
    returnalert: {
      usage: '/returnalert amount or /returnalert off — e.g. /returnalert 1000',
      description: 'Large-return threshold',
    },
    discountalert: {
      usage: '/discountalert percent or /discountalert off — e.g. /discountalert 30 (discount ÷ price before it)',
      description: 'Large-discount threshold',
    },
    withdrawalert: {
      usage: '/withdrawalert amount or /withdrawalert off — e.g. /withdrawalert 2000; 0 — every withdrawal',
      description: 'Cash-withdrawal threshold',
    },
    invite: { usage: '/invite', description: 'Invite a colleague or a group' },
    members: { usage: '/members', description: 'Who gets the alerts; remove a chat' },
    name: { usage: '/name <text> — e.g. /name Morning Coffee; up to 64 characters', description: 'The shop’s name' },
    webhook: { usage: '/webhook', description: 'The webhook URL for CashDesk' },
    rotate: { usage: '/rotate', description: 'Replace the webhook URL' },
    lang: { usage: '/lang en or /lang uk', description: 'Language / Мова' },
    help: { usage: '/help', description: 'What the bot does' },
    start: { usage: '/start', description: 'Start' },
  },
  help: {
    intro:
      'I post every check from your CashDesk cash desks here: total, items, payment and a link to the e-receipt, plus a daily Z summary and cash-in-drawer alerts.',
    everyoneTitle: 'Commands:',
    ownerTitle: 'For the owner:',
  },

  start: {
    registered: 'Welcome! Your shop is registered.',
    again: 'Your shop is already registered.',
    urlLabel: 'Webhook URL for CashDesk:',
    stepsTitle: 'To connect a cash desk:',
    steps: [
      'Open CashDesk and choose the cash desk.',
      'Каса (cash desk) → налаштування (settings) → Webhook.',
      'Paste this URL and save.',
      'Repeat for every cash desk.',
    ],
    keepSecret: 'Keep this URL private: whoever knows it can send checks. To replace it: /rotate.',
    next: 'As soon as a cash desk sends a check, it shows up here. Invite a colleague or a group: /invite. All commands: /help',
    memberHere: "This chat already gets the shop's alerts. Commands: /help",
    reactivated: 'Welcome back! Alerts will come to this chat again.',
    privateOnly: (bot) =>
      `A shop can be registered only in a private chat with the bot. To connect this group, the owner sends /invite and someone sends /start@${bot} <code> here.`,
  },

  invite: {
    created: (expires) => `A one-time invite, valid until ${expires}.`,
    forPerson: 'For a person — send them this link:',
    forGroup: 'For a group — open this link and pick the group: the bot joins it and connects it:',
    forGroupByHand: 'Or add the bot to the group by hand and send there:',
    joined: "Done! This chat now gets the shop's alerts. Commands: /help",
    invalid: 'This invite is not valid: it was already used or has expired. Ask the owner for a new one.',
    otherBusiness: 'This chat is already connected to another shop, so the invite was not applied.',
    alreadyHere: 'This chat is already connected to this shop.',
    spentInGroup: 'The invite code is now used up: everyone in this group has seen it. Ask the owner for a new one if you need it.',
    keptForPrivate: 'The invite was not used: it still works in another chat.',
  },

  shop: {
    unnamed: (id) => `Shop No. ${id}`,
    current: (name) => `The shop’s name: ${name}. To change it: /name new name`,
    renamed: (name) => `Done, the shop is now called: ${name}`,
    tooLong: (max) => `The name is too long: up to ${max} characters.`,
    badCharacters: 'The name must be one line, without control characters.',
  },
  argErrors: {
    percentRange: 'The percentage must be from 1 to 100.',
    periodReversed: 'The first date is after the second: give the start of the period first, then its end.',
  },

  webhook: {
    rotated: 'The webhook URL has been replaced.',
    oldStops: 'The old URL no longer takes checks: paste the new one into the settings of every cash desk.',
  },

  kind: {
    sale: 'Sale',
    return: 'Return',
    service_in: 'Cash deposit',
    service_out: 'Cash withdrawal',
    other: 'Check',
  },
  sale: {
    cashDesk: (n) => `Cash desk ${n}`,
    checkNo: (n) => `check no. ${n}`,
    offline: 'offline check',
    discount: 'Discount',
    rounding: 'Rounding',
    total: 'Total',
    cash: 'Cash',
    cashless: 'Card',
    changeGiven: (provided, remains) => `received ${provided}, change ${remains}`,
    noItems: 'no items',
    more: (n) => `…and ${n} more`,
    receiptButton: 'E-receipt',
    pdfButton: 'PDF',
  },

  digest: {
    title: (n) => plural(n, 'new check', 'new checks'),
    salesTotal: 'Sales in all',
    returnsTotal: 'Returns in all',
  },

  today: {
    title: (date) => `Today, ${date}`,
    sales: 'Sales',
    returns: 'Returns',
    net: 'Net',
    cash: 'Cash',
    cashless: 'Cashless',
    average: 'Average check',
    serviceIn: 'Cash deposits',
    serviceOut: 'Cash withdrawals',
    rounding: 'Rounding',
    count: (n) => plural(n, 'check', 'checks'),
    cashDesks: 'Cash desks',
    desk: (n) => `Cash desk ${n}`,
    drawer: 'in drawer',
    drawerUnknown: 'drawer unknown',
    empty: 'No checks yet.',
  },

  summary: {
    title: (date) => `Z summary for ${date}`,
    top: 'Top products',
    weekAgo: (date, weekday) => `A week before (${weekday}, ${date})`,
    change: (p) => `change ${p}`,
    noSalesWeekAgo: 'no sales',
  },

  charts: {
    hourlyTitle: (date) => `Revenue by hour, ${date}`,
    weekAgo: (day) => `a week ago (${day})`,
    netByDay: 'Net revenue by day',
    noSales: 'No sales',
    netByHour: 'Net revenue by hour',
    comparedDay: (day) => `compared with (${day})`,
    thousand: 'k',
    million: 'M',
  },

  reports: {
    weekTitle: (from, to) => `Week ${from} – ${to}`,
    monthTitle: (from, to) => `Month ${from} – ${to}`,
    spanTitle: (from, to) => `Report ${from} – ${to}`,
    digestTitle: (from, to) => `Last week ${from} – ${to}`,
    chartTitle: (from, to) => `Revenue by day, ${from} – ${to}`,
    previous: (from, to) => `Previous period (${from} – ${to})`,
    noPrevious: 'no sales',
    top: 'Top products',
    tooLong: (n) => `The period is too long: ${n} days at most.`,
  },

  exports: {
    caption: (from, to, n, part) =>
      `Checks of ${from} – ${to}: ${plural(n, 'check', 'checks')}. One row per item; separator ";". The sum of "Signed check total" is the net (returns negative).` +
      (part && part.of > 1 ? ` File ${part.index} of ${part.of}.` : ''),
    captionXlsx: (from, to, n, items, part) =>
      `Checks of ${from} – ${to}: ${plural(n, 'check', 'checks')}, ${plural(items, 'item', 'items')}. Sheets: checks and items.` +
      (part && part.of > 1 ? ` File ${part.index} of ${part.of}.` : ''),
    preparing: (files, format) => {
      const what = format === 'csv' ? 'the CSV file' : 'the Excel file';
      return files > 1 ? `Preparing ${what}: ${files} parts (each under Telegram's 50 MB), they follow one after another.` : `Preparing ${what}: it follows in a moment.`;
    },
    waiting: 'Your previous export is still being prepared: wait for it, then ask for the next one.',
    dailyLimit: (n) => `That is enough exports for today: at most ${n} a day. Try again later.`,
    adminsOnly: "In a group, only the shop's owner and the group's administrators can ask for an export.",
    tooBig: (from, to, mb) => `The file for ${from} – ${to} came out at ${mb} MB, more than Telegram takes (50 MB).`,
    sheets: { checks: 'Checks', items: 'Items' },
    nothing: (from, to) => `No checks in ${from} – ${to}.`,
    columns: {
      date: 'Date',
      time: 'Time',
      cashDesk: 'Cash desk',
      checkNo: 'Check no.',
      uuid: 'UUID',
      kind: 'Kind',
      total: 'Check total',
      cash: 'Cash',
      cashless: 'Cashless',
      discount: 'Check discount',
      signedTotal: 'Signed check total',
      signedCost: 'Signed amount',
      position: 'Position',
      item: 'Item',
      code: 'Code',
      unit: 'Unit',
      quantity: 'Quantity',
      price: 'Price',
      cost: 'Amount',
      itemDiscount: 'Discount',
      items: 'Items',
      dateTime: 'Date and time',
    },
  },

  cash: {
    low: (n) => `Low cash in cash desk ${n}`,
    high: (n) => `Too much cash in cash desk ${n}`,
    inDrawer: 'In drawer',
    threshold: 'Threshold',
    highHint: 'Time to collect it.',
  },

  receipt: {
    caption: (n, time, total) => `Check no. ${n} · ${time} · ${total}`,
    noPdf: 'CashDesk sent no PDF for this check.',
    linkLabel: 'E-receipt:',
    nothing: 'There is no e-receipt link either.',
    notFound: 'Check not found.',
    sending: 'Sending the PDF…',
  },

  thresholds: {
    lowTitle: 'Low-cash threshold',
    highTitle: 'Too-much-cash threshold',
    allDesks: 'All cash desks',
    byDefault: 'as for all',
    now: 'now',
    setAll: (kind, v) => `${kind === 'low' ? 'Low-cash' : 'Too-much-cash'} threshold for all cash desks: ${v}.`,
    setDesk: (kind, n, v) => `${kind === 'low' ? 'Low-cash' : 'Too-much-cash'} threshold for cash desk ${n}: ${v}.`,
    deskNotFound: (n) => `Cash desk ${n} not found.`,
    knownDesks: 'Your cash desks:',
    noDesks: 'No cash desks yet: a cash desk appears with its first check.',
    alreadyPast: (kind) => (kind === 'low' ? 'Already below it:' : 'Already above it:'),
  },


  watchdog: {
    kinds: {
      desk_quiet: 'Cash desk went quiet',
      till_offline: 'Till offline',
      large_return: 'Large return',
      large_discount: 'Large discount',
      service_out: 'Cash withdrawal',
      drawer_mismatch: 'Drawer does not add up',
    },
    settingsTitle: 'Watchdog',
    allOn: 'all on',
    someOff: (names) => `off: ${names}`,
    checkLine: (time, n) => `${time} · check no. ${n}`,
    largeReturn: (n) => `Large return · Cash desk ${n}`,
    returnAmount: (a) => `Return: ${a}`,
    overThreshold: (v) => `threshold ${v}`,
    returnShare: (p, r, s) => `The day's returns are ${p} % of its sales (${r} of ${s})`,
    largeDiscount: (n) => `Large discount · Cash desk ${n}`,
    discountLine: (d, p, b) => `Discount: ${d} — ${p} % of the price before discounts (${b})`,
    discountThreshold: (p) => `Threshold: ${p} %`,
    total: 'Total',
    serviceOut: (n) => `Cash withdrawal · Cash desk ${n}`,
    withdrawn: 'Withdrawn',
    drawerAfter: 'In the drawer after it',
    drawerMismatch: (n) => `Drawer does not add up · Cash desk ${n}`,
    expected: (e, prev, mov) => `Expected: ${e} (was ${prev}, this check ${mov})`,
    found: 'In the drawer',
    difference: 'Difference',
    mismatchHint: 'Cash put in or taken out without a check? No more reminders for this cash desk today.',
    tillOffline: (n) => `Cash desk ${n} was offline`,
    offlineSpan: (from, to) => `Offline checks from ${from} to ${to}`,
    offlineChecks: (count, total) => `${count} ${count === 1 ? 'check' : 'checks'}, ${total}`,
    offlineHint: 'They have just arrived: check the till\'s internet connection.',
    returnTitle: 'Large-return threshold',
    discountTitle: 'Large-discount threshold',
    withdrawTitle: 'Cash-withdrawal threshold',
    everyWithdrawal: 'every withdrawal',
    shareRule: 'Also: a return after 14:00 when the day\'s returns are over 10 % of its sales (once a day).',
    set: (title, v) => `${title}: ${v}.`,
    pastToday: 'Already past it today:',
    nonePastToday: 'Nothing past it today yet.',
    pastMore: (n) => `…and ${n} more`,
  },
  mute: {
    muted: 'Sale alerts are off in this chat. Z summaries and cash alerts still come. To resume: /unmute',
    unmuted: 'Sale alerts are on again in this chat.',
  },

  settings: {
    title: 'Alert settings of this chat',
    alerts: 'Sale alerts',
    on: 'on',
    off: 'off',
    minSum: 'Minimum check',
    anyAmount: 'any',
    onlyReturns: 'Only returns',
    desks: 'Cash desks',
    allDesks: 'all',
    noDesks: 'none',
    quiet: 'Quiet hours',
    quietNote: 'alerts arrive without sound',
    summary: 'Z summary',
    summaryDefault: 'as for the shop',
    summaryMorning: 'before 12:00 it is the previous day',
    topic: 'Topic',
    general: 'General',
    toThisTopic: '📌 Alerts into this topic',
    toGeneral: '📌 Alerts into General',
    moreDesks: (n) => `${plural(n, 'more cash desk', 'more cash desks')}: /desks`,
    hint: 'Exact values: /minsum 75, /quiet 22:30-07:30, /desks 50037129, /summarytime 20:30.',
    saved: 'Saved',
    unknownDesks: (list) => `No such cash desks: ${list}.`,
    sections: { delivery: '🔔 Delivery', noise: '🔇 Noise', summary: '🧾 Z summary', watchdog: '🛡 Watchdog' },
    chooseSection: 'Choose a section:',
    back: '← Back',
    summaryShop: (time) => `as for the shop (${time})`,
    summaryRow: 'When this chat gets the Z summary',
    watchdogRow: 'Watchdog alerts in this chat',
    scopePrivate: 'These settings apply to this chat only.',
    scopeGroup: 'The group’s administrators and the shop’s owner can change them; they apply to this group only.',
    labelPressed: 'This is a label: choose a button below it.',
  },

  language: {
    current: 'Language: English.',
    changed: 'Done, English from now on.',
    choose: 'Choose a language:',
  },

  members: {
    title: "The shop's chats:",
    owner: (name) => `👤 ${name} — owner (you)`,
    person: (name) => `👤 ${name}`,
    group: (title) => `👥 ${title}`,
    joined: (when) => `since ${when}`,
    off: 'switched off',
    unnamed: (id) => `chat ${id}`,
    onlyOwner: 'Nobody but you gets the alerts. To invite a colleague or a group: /invite',
    hint: "A chat's button removes it from the shop: it gets nothing more, and only a new invite brings it back.",
    removeButton: (name) => `✖ Remove: ${name}`,
    confirm: (name) => `Remove “${name}” from the shop? This chat will get no more alerts and cannot use the shop's commands. Only a new invite brings it back.`,
    confirmButton: (name) => `✖ Yes, remove: ${name}`,
    cancelButton: '← Cancel',
    removed: (name) => `“${name}” removed`,
    gone: 'This chat is no longer in the shop.',
  },

  admins: { only: "Only this group's administrators or the shop's owner can change its settings." },

  notices: {
    memberJoined: (title) => `A chat joined the shop: ${title}`,
    rejectedCheck: (n) => `CashDesk sent data that does not look like a check (${plural(n, 'field', 'fields')} with problems). It was kept for inspection.`,
    rejectedHint: "Check the cash desk's webhook settings.",
    chatLeft: (title) => `The bot was removed from or blocked in a chat: ${title}. Nothing is sent there any more.`,
    undelivered: (n, since) => `${plural(n, 'message', 'messages')} could not be delivered (since ${since}): Telegram did not take them for 24 hours.`,
    undeliveredHint: 'The checks are stored: /today and /receipt show everything.',
    topicClosed: 'The topic I posted alerts in was closed or deleted, so they now come here, to General. To have them in a topic again, press «📌 Alerts into this topic» in /settings there.',
    chatRefuses: (title) => `The chat «${title}» does not let the bot send messages. Its alerts wait and are retried for 24 hours.`,
    chatRefusesHint: "Let the bot send messages there (the group's permissions, or the bot's admin rights in a channel).",
    rejectedNotKept: (n, cap) =>
      `CashDesk sent data that does not look like a check (${plural(n, 'field', 'fields')} with problems). ${cap} such bodies were already kept today, so this one was only counted.`,
  },

  deskClock: {
    wrong: (n) => `The clock of cash desk ${n} looks wrong`,
    times: (checkTime, arrival) => `A check is dated ${checkTime} but arrived ${arrival}.`,
    hint: "The check is stored and counted on its own date, but it does not change the cash in the drawer. Check the cash desk's date and time.",
  },

  deskCap: {
    reached: (cap) => `The shop reached its limit of ${cap} cash desks`,
    refused: (n) => `A check from a new cash desk ${n} was refused (answered 422); its body is kept. Checks of the known cash desks are taken as always.`,
    hint: "You are told this once. If the shop really has more cash desks, ask the service's administrator to raise MAX_CASH_DESKS_PER_SHOP.",
  },

  deskQuiet: {
    title: (n) => `Cash desk ${n} went quiet`,
    lastCheck: (when, silence) => `Last check: ${when}. No check for ${silence}.`,
    usual: (limit) => `At this hour a pause is usually no longer than ${limit}.`,
    sellingAgainTitle: (n) => `Cash desk ${n} is selling again`,
    pause: (length, from, to) => `A pause of ${length}: from ${from} to ${to}.`,
    duration: (minutes) => {
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      const mins = minutes % 60;
      if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
      if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
      return `${mins} min`;
    },
  },

  miniApp: {
    button: 'Dashboard',
    open: "The shop's dashboard: today's totals, checks with search, and period reports.",
    openInPrivate: "The dashboard opens in the bot's private chat: tap the button and send /app there.",
    privateButton: 'Open the chat with the bot',
    needsHttps: (url) => `The dashboard (a Telegram Mini App) opens only over HTTPS, and the service's PUBLIC_URL is ${url} now. Set PUBLIC_URL to an https://… address and restart the service.`,
  },

  testAlert: {
    button: 'Send a test alert',
    banner: '🧪 Test — not a real sale',
    sending: 'Sending a test alert…',
    tooSoon: 'A test alert can be sent once a minute. Try again a little later.',
    notLinked: 'This chat is not linked to a shop. Start with /start.',
  },
};
