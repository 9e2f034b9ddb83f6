import type { Catalogue } from './catalogue.js';

const rules = new Intl.PluralRules('uk');
/** 1 чек, 2 чеки, 5 чеків, 1,5 чека. */
const plural = (n: number, one: string, few: string, many: string, other = few): string => {
  const form = rules.select(n);
  const word = form === 'one' ? one : form === 'few' ? few : form === 'many' ? many : other;
  return `${n} ${word}`;
};

export const uk: Catalogue = {
  lang: 'uk',
  locale: 'uk',
  languageName: 'українська',

  common: {
    notConnected:
      'Цей чат не підключено до жодного магазину. Щоб отримувати сповіщення магазину тут, попросіть у його власника посилання-запрошення.',
    ownerOnly: 'Це може зробити лише власник магазину, в особистому чаті з ботом.',
    registrationClosed: 'Це приватний бот: він працює лише для магазину свого власника. Щоб ним користуватися, попросіть у власника запрошення.',
    failed: 'Не вдалося виконати. Спробуйте ще раз трохи згодом.',
    unknownCommand: 'Невідома команда. Список команд: /help',
    usage: (line) => `Використання: ${line}`,
    off: 'вимкнено',
  },

  commands: {
    today: { usage: '/today', description: 'Підсумки за сьогодні' },
    week: { usage: '/week', description: 'Звіт за цей тиждень' },
    month: { usage: '/month', description: 'Звіт за цей місяць' },
    report: { usage: '/report <з> <по> — напр. /report 01.11.2026 30.11.2026', description: 'Звіт за період' },
    export: { usage: '/export [<з> <по>] [csv|xlsx] — напр. /export 01.11.2026 30.11.2026 xlsx; без дат — цей місяць; csv (типово) — файл CSV, xlsx — файл Excel', description: 'Чеки й товари в CSV або XLSX' },
    receipt: { usage: '/receipt <uuid чека>', description: 'PDF чека' },
    app: { usage: '/app', description: 'Панель магазину (Mini App)' },
    mute: { usage: '/mute', description: 'Вимкнути сповіщення про продажі в цьому чаті' },
    unmute: { usage: '/unmute', description: 'Увімкнути сповіщення про продажі' },
    settings: { usage: '/settings', description: 'Налаштування сповіщень цього чату' },
    minsum: { usage: '/minsum сума — напр. /minsum 50; /minsum off — про кожен чек', description: 'Мінімальна сума чека для сповіщень' },
    quiet: { usage: '/quiet ГГ:ХХ-ГГ:ХХ або /quiet off — напр. /quiet 22:00-08:00', description: 'Тихі години: сповіщення без звуку' },
    onlyreturns: { usage: '/onlyreturns on або /onlyreturns off', description: 'Сповіщати лише про повернення' },
    desks: { usage: '/desks номери кас… або /desks all — напр. /desks 50037129', description: 'Про які каси сповіщати' },
    summarytime: { usage: '/summarytime ГГ:ХХ або /summarytime default — напр. /summarytime 21:00', description: 'Час Z-звіту для цього чату' },
    lowcash: {
      usage: '/lowcash [номер каси] сума — напр. /lowcash 500 або /lowcash 50037129 300,50; 0 вимикає',
      description: 'Поріг «мало готівки»',
    },
    highcash: {
      usage: '/highcash [номер каси] сума — напр. /highcash 10000 або /highcash 50037129 8000; 0 вимикає',
      description: 'Поріг «багато готівки»',
    },
    returnalert: {
      usage: '/returnalert сума або /returnalert off — напр. /returnalert 1000',
      description: 'Поріг «велике повернення»',
    },
    discountalert: {
      usage: '/discountalert відсоток або /discountalert off — напр. /discountalert 30 (знижка ÷ ціна без знижки)',
      description: 'Поріг «велика знижка»',
    },
    withdrawalert: {
      usage: '/withdrawalert сума або /withdrawalert off — напр. /withdrawalert 2000; 0 — про кожне вилучення',
      description: 'Поріг «вилучення готівки»',
    },
    invite: { usage: '/invite', description: 'Запросити працівника або групу' },
    members: { usage: '/members', description: 'Хто отримує сповіщення; вилучити чат' },
    name: { usage: '/name назва — напр. /name Кав’ярня «Ранок»; до 64 символів', description: 'Назва магазину' },
    webhook: { usage: '/webhook', description: 'Адреса Webhook для CashDesk' },
    rotate: { usage: '/rotate', description: 'Замінити адресу Webhook' },
    lang: { usage: '/lang uk або /lang en', description: 'Мова / Language' },
    help: { usage: '/help', description: 'Що вміє бот' },
    start: { usage: '/start', description: 'Почати' },
  },
  help: {
    intro:
      'Я надсилаю сюди кожен чек з ваших кас CashDesk: суму, товари, оплату й посилання на чек, а ще щоденний Z-звіт і попередження про готівку в касі.',
    everyoneTitle: 'Команди:',
    ownerTitle: 'Для власника:',
  },

  start: {
    registered: 'Вітаю! Ваш магазин зареєстровано.',
    again: 'Ваш магазин уже зареєстровано.',
    urlLabel: 'Адреса Webhook для CashDesk:',
    stepsTitle: 'Як підключити касу:',
    steps: [
      'Відкрийте CashDesk і виберіть касу.',
      'Каса → налаштування → Webhook.',
      'Вставте цю адресу й збережіть.',
      'Повторіть для кожної каси.',
    ],
    keepSecret: 'Не показуйте цю адресу стороннім: хто її знає, може надсилати чеки. Замінити її: /rotate.',
    next: 'Щойно каса надішле чек, він з’явиться тут. Запросити працівника чи групу: /invite. Усі команди: /help',
    memberHere: 'Цей чат уже отримує сповіщення магазину. Команди: /help',
    reactivated: 'З поверненням! Сповіщення в цей чат знову надходитимуть.',
    privateOnly: (bot) =>
      `Зареєструвати магазин можна лише в особистому чаті з ботом. Щоб підключити цю групу, власник надсилає /invite, а тут надсилають /start@${bot} <код>.`,
  },

  invite: {
    created: (expires) => `Одноразове запрошення, дійсне до ${expires}.`,
    forPerson: 'Для людини — надішліть їй посилання:',
    forGroup: 'Для групи — відкрийте це посилання й виберіть групу: бот додасться до неї й підключить її:',
    forGroupByHand: 'Або додайте бота в групу вручну й надішліть там:',
    joined: 'Готово! Цей чат тепер отримує сповіщення магазину. Команди: /help',
    invalid: 'Запрошення недійсне: його вже використали або минув термін. Попросіть у власника нове.',
    otherBusiness: 'Цей чат уже підключено до іншого магазину, тому запрошення не застосовано.',
    alreadyHere: 'Цей чат уже підключено до цього магазину.',
    spentInGroup: 'Код запрошення тепер використано: його бачили всі в цій групі. Попросіть у власника нове, якщо воно потрібне.',
    keptForPrivate: 'Запрошення не використано: його ще можна відкрити в іншому чаті.',
  },

  shop: {
    unnamed: (id) => `Магазин № ${id}`,
    current: (name) => `Назва магазину: ${name}. Змінити: /name нова назва`,
    renamed: (name) => `Готово, магазин тепер називається: ${name}`,
    tooLong: (max) => `Назва задовга: до ${max} символів.`,
    badCharacters: 'Назва має бути в один рядок, без службових символів.',
  },
  argErrors: {
    percentRange: 'Відсоток має бути від 1 до 100.',
    periodReversed: 'Перша дата пізніша за другу: спершу початок періоду, потім кінець.',
  },

  webhook: {
    rotated: 'Адресу Webhook замінено.',
    oldStops: 'Стара адреса більше не приймає чеки: вставте нову в налаштування кожної каси.',
  },

  kind: {
    sale: 'Продаж',
    return: 'Повернення',
    service_in: 'Службове внесення',
    service_out: 'Службова видача',
    other: 'Чек',
  },
  sale: {
    cashDesk: (n) => `Каса ${n}`,
    checkNo: (n) => `чек № ${n}`,
    offline: 'офлайн-чек',
    discount: 'Знижка',
    rounding: 'Заокруглення',
    total: 'Разом',
    cash: 'Готівка',
    cashless: 'Картка',
    changeGiven: (provided, remains) => `отримано ${provided}, решта ${remains}`,
    noItems: 'без товарів',
    more: (n) => `…і ще ${n}`,
    receiptButton: 'Чек онлайн',
    pdfButton: 'PDF',
  },

  digest: {
    title: (n) => `${plural(n, 'новий чек', 'нові чеки', 'нових чеків')}`,
    salesTotal: 'Продажі разом',
    returnsTotal: 'Повернення разом',
  },

  today: {
    title: (date) => `Сьогодні, ${date}`,
    sales: 'Продажі',
    returns: 'Повернення',
    net: 'Чистий виторг',
    cash: 'Готівкою',
    cashless: 'Безготівково',
    average: 'Середній чек',
    serviceIn: 'Службове внесення',
    serviceOut: 'Службова видача',
    rounding: 'Заокруглення',
    count: (n) => plural(n, 'чек', 'чеки', 'чеків'),
    cashDesks: 'Каси',
    desk: (n) => `Каса ${n}`,
    drawer: 'у шухляді',
    drawerUnknown: 'залишок невідомий',
    empty: 'Чеків ще не було.',
  },

  summary: {
    title: (date) => `Z-звіт за ${date}`,
    top: 'Топ товарів',
    weekAgo: (date, weekday) => `Тиждень тому (${weekday}, ${date})`,
    change: (p) => `зміна ${p}`,
    noSalesWeekAgo: 'продажів не було',
  },

  charts: {
    hourlyTitle: (date) => `Виторг за годинами, ${date}`,
    weekAgo: (day) => `тиждень тому (${day})`,
    netByDay: 'Чистий виторг за день',
    noSales: 'Продажів не було',
    netByHour: 'Чистий виторг за годину',
    comparedDay: (day) => `для порівняння (${day})`,
    thousand: ' тис.',
    million: ' млн',
  },

  reports: {
    weekTitle: (from, to) => `Тиждень ${from} – ${to}`,
    monthTitle: (from, to) => `Місяць ${from} – ${to}`,
    spanTitle: (from, to) => `Звіт ${from} – ${to}`,
    digestTitle: (from, to) => `Підсумки тижня ${from} – ${to}`,
    chartTitle: (from, to) => `Виторг за днями, ${from} – ${to}`,
    previous: (from, to) => `Попередній період (${from} – ${to})`,
    noPrevious: 'продажів не було',
    top: 'Топ товарів',
    tooLong: (n) => `Період задовгий: щонайбільше ${n} днів.`,
  },

  exports: {
    caption: (from, to, n, part) =>
      `Чеки за ${from} – ${to}: ${plural(n, 'чек', 'чеки', 'чеків')}. Рядок на кожен товар; роздільник «;». Сума стовпця «Сума чека зі знаком» — чиста виручка (повернення з мінусом).` +
      (part && part.of > 1 ? ` Файл ${part.index} з ${part.of}.` : ''),
    captionXlsx: (from, to, n, items, part) =>
      `Чеки за ${from} – ${to}: ${plural(n, 'чек', 'чеки', 'чеків')}, ${plural(items, 'позиція', 'позиції', 'позицій')}. Аркуші: чеки й товари.` +
      (part && part.of > 1 ? ` Файл ${part.index} з ${part.of}.` : ''),
    preparing: (files, format) => {
      const what = format === 'csv' ? 'файл CSV' : 'файл Excel';
      return files > 1 ? `Готую ${what}: ${plural(files, 'частина', 'частини', 'частин')} (кожна менша за 50 МБ, межу Telegram), надійдуть по черзі.` : `Готую ${what}: надійде за мить.`;
    },
    waiting: 'Ваш попередній експорт ще готується: дочекайтеся його, тоді просіть наступний.',
    dailyLimit: (n) => `Досить експортів на сьогодні: щонайбільше ${n} за добу. Спробуйте пізніше.`,
    adminsOnly: 'У групі експорт можуть просити лише власник магазину та адміністратори групи.',
    tooBig: (from, to, mb) => `Файл за ${from} – ${to} вийшов на ${mb} МБ, більше, ніж приймає Telegram (50 МБ).`,
    sheets: { checks: 'Чеки', items: 'Товари' },
    nothing: (from, to) => `За ${from} – ${to} чеків немає.`,
    columns: {
      date: 'Дата',
      time: 'Час',
      cashDesk: 'Каса',
      checkNo: 'Номер чека',
      uuid: 'UUID',
      kind: 'Тип',
      total: 'Сума чека',
      cash: 'Готівкою',
      cashless: 'Безготівково',
      discount: 'Знижка на чек',
      signedTotal: 'Сума чека зі знаком',
      signedCost: 'Сума зі знаком',
      position: 'Позиція',
      item: 'Товар',
      code: 'Код',
      unit: 'Од.',
      quantity: 'Кількість',
      price: 'Ціна',
      cost: 'Сума',
      itemDiscount: 'Знижка',
      items: 'Позицій',
      dateTime: 'Дата й час',
    },
  },

  cash: {
    low: (n) => `Мало готівки в касі ${n}`,
    high: (n) => `Багато готівки в касі ${n}`,
    inDrawer: 'У шухляді',
    threshold: 'Поріг',
    highHint: 'Час інкасувати.',
  },

  receipt: {
    caption: (n, time, total) => `Чек № ${n} · ${time} · ${total}`,
    noPdf: 'CashDesk не надіслав PDF цього чека.',
    linkLabel: 'Чек онлайн:',
    nothing: 'Посилання на чек теж немає.',
    notFound: 'Чек не знайдено.',
    sending: 'Надсилаю PDF…',
  },

  thresholds: {
    lowTitle: 'Поріг «мало готівки»',
    highTitle: 'Поріг «багато готівки»',
    allDesks: 'Для всіх кас',
    byDefault: 'як для всіх',
    now: 'зараз',
    setAll: (kind, v) => `${kind === 'low' ? 'Поріг «мало готівки»' : 'Поріг «багато готівки»'} для всіх кас: ${v}.`,
    setDesk: (kind, n, v) => `${kind === 'low' ? 'Поріг «мало готівки»' : 'Поріг «багато готівки»'} для каси ${n}: ${v}.`,
    deskNotFound: (n) => `Касу ${n} не знайдено.`,
    knownDesks: 'Ваші каси:',
    noDesks: 'Кас ще немає: каса з’являється з першим своїм чеком.',
    alreadyPast: (kind) => (kind === 'low' ? 'Уже нижче порогу:' : 'Уже вище порогу:'),
  },


  watchdog: {
    kinds: {
      desk_quiet: 'Каса замовкла',
      till_offline: 'Каса без зв’язку',
      large_return: 'Велике повернення',
      large_discount: 'Велика знижка',
      service_out: 'Вилучення готівки',
      drawer_mismatch: 'Готівка не сходиться',
    },
    settingsTitle: 'Сторож',
    allOn: 'усе ввімкнено',
    someOff: (names) => `вимкнено: ${names}`,
    checkLine: (time, n) => `${time} · чек № ${n}`,
    largeReturn: (n) => `Велике повернення · Каса ${n}`,
    returnAmount: (a) => `Повернення: ${a}`,
    overThreshold: (v) => `поріг ${v}`,
    returnShare: (p, r, s) => `Повернення за день — ${p} % продажів (${r} з ${s})`,
    largeDiscount: (n) => `Велика знижка · Каса ${n}`,
    discountLine: (d, p, b) => `Знижка: ${d} — ${p} % від ціни без знижки (${b})`,
    discountThreshold: (p) => `Поріг: ${p} %`,
    total: 'Разом',
    serviceOut: (n) => `Вилучення готівки · Каса ${n}`,
    withdrawn: 'Вилучено',
    drawerAfter: 'У шухляді після',
    drawerMismatch: (n) => `Готівка не сходиться · Каса ${n}`,
    expected: (e, prev, mov) => `Мало бути: ${e} (було ${prev}, за чеком ${mov})`,
    found: 'У касі',
    difference: 'Різниця',
    mismatchHint: 'Гроші внесли чи забрали без чека? Сьогодні по цій касі більше не нагадуватиму.',
    tillOffline: (n) => `Каса ${n} була без зв’язку`,
    offlineSpan: (from, to) => `Офлайн-чеки з ${from} до ${to}`,
    offlineChecks: (count, total) => `${plural(count, 'чек', 'чеки', 'чеків')} на ${total}`,
    offlineHint: 'Чеки щойно надійшли: перевірте інтернет на касі.',
    returnTitle: 'Поріг «велике повернення»',
    discountTitle: 'Поріг «велика знижка»',
    withdrawTitle: 'Поріг «вилучення готівки»',
    everyWithdrawal: 'кожне вилучення',
    shareRule: 'Також: повернення після 14:00, коли повернення за день перевищують 10 % продажів (раз на день).',
    set: (title, v) => `${title}: ${v}.`,
    pastToday: 'Сьогодні вже понад поріг:',
    nonePastToday: 'Сьогодні понад поріг ще нічого.',
    pastMore: (n) => `…і ще ${n}`,
  },
  mute: {
    muted: 'Сповіщення про продажі в цьому чаті вимкнено. Z-звіти й попередження про готівку надходитимуть. Увімкнути: /unmute',
    unmuted: 'Сповіщення про продажі в цьому чаті знову ввімкнено.',
  },

  settings: {
    title: 'Налаштування сповіщень цього чату',
    alerts: 'Сповіщення про продажі',
    on: 'увімкнено',
    off: 'вимкнено',
    minSum: 'Мінімальний чек',
    anyAmount: 'будь-який',
    onlyReturns: 'Лише повернення',
    desks: 'Каси',
    allDesks: 'усі',
    noDesks: 'жодної',
    quiet: 'Тихі години',
    quietNote: 'сповіщення без звуку',
    summary: 'Z-звіт',
    summaryDefault: 'як для магазину',
    summaryMorning: 'до 12:00 — за попередній день',
    topic: 'Гілка',
    general: 'Загальна',
    toThisTopic: '📌 Сповіщення в цю гілку',
    toGeneral: '📌 Сповіщення в загальну гілку',
    moreDesks: (n) => `Ще ${plural(n, 'каса', 'каси', 'кас')}: /desks`,
    hint: 'Точні значення: /minsum 75, /quiet 22:30-07:30, /desks 50037129, /summarytime 20:30.',
    saved: 'Збережено',
    unknownDesks: (list) => `Таких кас немає: ${list}.`,
    sections: { delivery: '🔔 Доставка', noise: '🔇 Шум', summary: '🧾 Z-звіт', watchdog: '🛡 Сторож' },
    chooseSection: 'Виберіть розділ:',
    back: '← Назад',
    summaryShop: (time) => `як для магазину (${time})`,
    summaryRow: 'Коли надсилати Z-звіт у цей чат',
    watchdogRow: 'Попередження сторожа в цьому чаті',
    scopePrivate: 'Ці налаштування діють лише в цьому чаті.',
    scopeGroup: 'Змінювати їх можуть адміністратори групи й власник магазину; діють лише в цій групі.',
    labelPressed: 'Це підпис: виберіть кнопку під ним.',
  },

  language: {
    current: 'Мова: українська.',
    changed: 'Готово, тепер українською.',
    choose: 'Виберіть мову:',
  },

  members: {
    title: 'Чати магазину:',
    owner: (name) => `👤 ${name} — власник (ви)`,
    person: (name) => `👤 ${name}`,
    group: (title) => `👥 ${title}`,
    joined: (when) => `з ${when}`,
    off: 'вимкнено',
    unnamed: (id) => `чат ${id}`,
    onlyOwner: 'Крім вас, сповіщення ніхто не отримує. Запросити працівника чи групу: /invite',
    hint: 'Кнопка під чатом вилучає його з магазину: він більше нічого не отримає, а повернути його можна лише новим запрошенням.',
    removeButton: (name) => `✖ Вилучити: ${name}`,
    confirm: (name) => `Вилучити «${name}» з магазину? Цей чат більше не отримуватиме сповіщень і не зможе користуватися командами магазину. Повернути його можна лише новим запрошенням.`,
    confirmButton: (name) => `✖ Так, вилучити: ${name}`,
    cancelButton: '← Скасувати',
    removed: (name) => `«${name}» вилучено`,
    gone: 'Цього чату вже немає в магазині.',
  },

  admins: { only: 'Змінювати налаштування цієї групи можуть лише її адміністратори або власник магазину.' },

  notices: {
    memberJoined: (title) => `До магазину приєднався чат: ${title}`,
    rejectedCheck: (n) => `CashDesk надіслав дані, які не схожі на чек (${plural(n, 'поле', 'поля', 'полів')} з помилками). Їх збережено для перевірки.`,
    rejectedHint: 'Перевірте налаштування Webhook у касі.',
    chatLeft: (title) => `Бота видалено з чату або заблоковано: ${title}. Туди більше нічого не надсилається.`,
    undelivered: (n, since) => `Не вдалося доставити ${plural(n, 'повідомлення', 'повідомлення', 'повідомлень')} (починаючи з ${since}): Telegram не приймав їх 24 години.`,
    undeliveredHint: 'Чеки збережено: /today і /receipt показують усе.',
    topicClosed: 'Гілку, куди я надсилав сповіщення, закрито або видалено, тож тепер вони приходитимуть сюди, у загальну гілку. Щоб знову отримувати їх у гілці, натисніть «📌 Сповіщення в цю гілку» в /settings у ній.',
    chatRefuses: (title) => `Чат «${title}» не дозволяє боту надсилати повідомлення. Його сповіщення чекають і надсилатимуться повторно протягом 24 годин.`,
    chatRefusesHint: 'Дозвольте боту надсилати повідомлення там (дозволи групи або права адміністратора бота в каналі).',
    rejectedNotKept: (n, cap) =>
      `CashDesk надіслав дані, які не схожі на чек (${plural(n, 'поле', 'поля', 'полів')} з помилками). Сьогодні вже збережено ${cap} таких, тож ці лише пораховано.`,
  },

  deskClock: {
    wrong: (n) => `Схоже, на касі ${n} неправильний годинник`,
    times: (checkTime, arrival) => `Чек датовано ${checkTime}, а надійшов він ${arrival}.`,
    hint: 'Чек збережено й пораховано за його датою, але залишок готівки в касі він не змінює. Перевірте дату й час на касі.',
  },

  deskCap: {
    reached: (cap) => `Досягнуто ліміту кас магазину: ${cap}`,
    refused: (n) => `Чек нової каси ${n} не прийнято (відповідь 422), його тіло збережено. Чеки наявних кас приймаються як завжди.`,
    hint: 'Це повідомлення приходить один раз. Якщо кас справді більше, попросіть адміністратора сервісу збільшити MAX_CASH_DESKS_PER_SHOP.',
  },

  deskQuiet: {
    title: (n) => `Каса ${n} мовчить`,
    lastCheck: (when, silence) => `Останній чек: ${when}. Вже ${silence} без чеків.`,
    usual: (limit) => `Зазвичай о цій порі перерва не довша за ${limit}.`,
    sellingAgainTitle: (n) => `Каса ${n} знову продає`,
    pause: (length, from, to) => `Перерва ${length}: з ${from} до ${to}.`,
    duration: (minutes) => {
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      const mins = minutes % 60;
      if (days > 0) return hours > 0 ? `${days} дн ${hours} год` : `${days} дн`;
      if (hours > 0) return mins > 0 ? `${hours} год ${mins} хв` : `${hours} год`;
      return `${mins} хв`;
    },
  },

  miniApp: {
    button: 'Панель',
    open: 'Панель магазину: сьогоднішні підсумки, чеки з пошуком і звіти за період.',
    openInPrivate: 'Панель відкривається в особистому чаті з ботом: натисніть кнопку й надішліть там /app.',
    privateButton: 'Відкрити чат з ботом',
    needsHttps: (url) => `Панель (Telegram Mini App) відкривається лише за адресою HTTPS, а PUBLIC_URL сервісу зараз ${url}. Вкажіть у PUBLIC_URL адресу https://… і перезапустіть сервіс.`,
  },

  testAlert: {
    button: 'Надіслати тестове сповіщення',
    banner: '🧪 Тест — це не справжній продаж',
    sending: 'Надсилаю тестове сповіщення…',
    tooSoon: 'Тестове сповіщення можна надсилати раз на хвилину. Спробуйте трохи згодом.',
    notLinked: 'Цей чат не підключено до магазину. Почніть з /start.',
  },
};
