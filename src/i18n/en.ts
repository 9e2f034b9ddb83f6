import type { Catalogue } from './catalogue.js';

const plural = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

export const en: Catalogue = {
  lang: 'en',
  locale: 'en',
  languageName: 'English',

  common: {
    notConnected: 'This chat is not connected to any shop. Send /start to register yours, or open an invite link from the owner.',
    ownerOnly: "Only the shop's owner can do this, in a private chat with the bot.",
    registrationClosed: 'Registering new shops is closed. Ask the shop owner to send you an invite.',
    failed: 'That did not work. Please try again in a little while.',
    unknownCommand: 'Unknown command. All commands: /help',
    usage: (line) => `Usage: ${line}`,
    off: 'off',
  },

  commands: {
    today: { usage: '/today', description: "Today's totals" },
    receipt: { usage: '/receipt <check uuid>', description: "A check's PDF" },
    mute: { usage: '/mute', description: 'Stop sale alerts in this chat' },
    unmute: { usage: '/unmute', description: 'Resume sale alerts' },
    lowcash: {
      usage: '/lowcash [cash desk number] amount — e.g. /lowcash 500 or /lowcash 50037129 300.50; 0 turns it off',
      description: 'Low-cash threshold',
    },
    highcash: {
      usage: '/highcash [cash desk number] amount — e.g. /highcash 10000 or /highcash 50037129 8000; 0 turns it off',
      description: 'Too-much-cash threshold',
    },
    invite: { usage: '/invite', description: 'Invite a colleague or a group' },
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
    forGroup: 'For a group — add the bot to the group and send there:',
    joined: "Done! This chat now gets the shop's alerts. Commands: /help",
    invalid: 'This invite is not valid: it was already used or has expired. Ask the owner for a new one.',
    otherBusiness: 'This chat is already connected to another shop, so the invite was not applied.',
    alreadyHere: 'This chat is already connected to this shop.',
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
  },

  mute: {
    muted: 'Sale alerts are off in this chat. Z summaries and cash alerts still come. To resume: /unmute',
    unmuted: 'Sale alerts are on again in this chat.',
  },

  language: {
    current: 'Language: English.',
    changed: 'Done, English from now on.',
    choose: 'Choose a language:',
  },

  notices: {
    memberJoined: (title) => `A chat joined the shop: ${title}`,
    rejectedCheck: (n) => `CashDesk sent data that does not look like a check (${plural(n, 'field', 'fields')} with problems). It was kept for inspection.`,
    rejectedHint: "Check the cash desk's webhook settings.",
    chatLeft: (title) => `The bot was removed from or blocked in a chat: ${title}. Nothing is sent there any more.`,
    undelivered: (n, since) => `${plural(n, 'message', 'messages')} could not be delivered (since ${since}): Telegram did not take them for 24 hours.`,
    undeliveredHint: 'The checks are stored: /today and /receipt show everything.',
  },
};
