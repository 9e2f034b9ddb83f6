import type { Lang } from '../../src/miniapp/api-contract.js';
import type { Catalogue } from '../../src/platform/i18n/catalogue.js';
import { en as botEn } from '../../src/platform/i18n/en.js';
import { uk as botUk } from '../../src/platform/i18n/uk.js';

/**
 * The Mini App's words. Figures, kinds and report terms come from the bot's own catalogue
 * (src/i18n), so the app and the chat name things the same; only what is the app's own is here.
 */
interface AppStrings {
  tabs: { today: string; checks: string; periods: string };
  loading: string;
  checksCount: string;
  role: { owner: string; member: string };
  retry: string;
  updated: (time: string) => string;
  errors: { unauthorized: string; forbidden: string; notFound: string; failed: string; noLaunch: string };
  today: { hourly: string; weekBefore: string; vsWeekBefore: string; lastCheck: (time: string) => string; noChecks: string; now: string };
  checks: {
    search: string;
    allDesks: string;
    allKinds: string;
    nothing: string;
    end: string;
    items: (n: number) => string;
    back: string;
    payments: string;
    receipt: string;
    pdf: string;
    pdfDownload: string;
    pdfLoading: string;
    discount: string;
    offline: string;
    drawer: string;
    qty: string;
  };
  periods: {
    day: string;
    week: string;
    month: string;
    range: string;
    from: string;
    to: string;
    show: string;
    previous: string;
    byDay: string;
    byHour: string;
    export: string;
    exportCsv: string;
    exportXlsx: string;
    xlsxUnavailable: string;
    pending: string;
    quota: string;
    sent: string;
    noProducts: string;
  };
}

const ukApp: AppStrings = {
  tabs: { today: 'Сьогодні', checks: 'Чеки', periods: 'Періоди' },
  loading: 'Завантаження…',
  checksCount: 'Чеків',
  role: { owner: 'власник', member: 'учасник' },
  retry: 'Спробувати ще',
  updated: (time) => `оновлено о ${time}`,
  errors: {
    unauthorized: 'Не вдалося перевірити вхід. Відкрийте застосунок знову з бота.',
    forbidden: 'Цей акаунт не підключено до магазину. Надішліть боту /start.',
    notFound: 'Не знайдено.',
    failed: 'Не вдалося завантажити. Перевірте з’єднання.',
    noLaunch: 'Відкрийте цю сторінку з бота в Telegram (кнопка меню або /app).',
  },
  today: {
    hourly: 'Виторг за годинами',
    weekBefore: 'тиждень тому',
    vsWeekBefore: 'до того ж дня тиждень тому',
    lastCheck: (time) => `останній чек о ${time}`,
    noChecks: 'чеків ще не було',
    now: 'сьогодні',
  },
  checks: {
    search: 'Номер чека, сума або товар',
    allDesks: 'Усі каси',
    allKinds: 'Усі типи',
    nothing: 'Нічого не знайдено.',
    end: 'Це всі чеки.',
    items: (n) => {
      const r = new Intl.PluralRules('uk').select(n);
      return `${n} ${r === 'one' ? 'позиція' : r === 'few' ? 'позиції' : 'позицій'}`;
    },
    back: 'Назад',
    payments: 'Оплата',
    receipt: 'Чек онлайн',
    pdf: 'PDF чека',
    pdfDownload: 'Завантажити PDF',
    pdfLoading: 'Завантаження PDF…',
    discount: 'Знижка',
    offline: 'офлайн-чек',
    drawer: 'У шухляді після чека',
    qty: '×',
  },
  periods: {
    day: 'День',
    week: 'Тиждень',
    month: 'Місяць',
    range: 'Період',
    from: 'З',
    to: 'По',
    show: 'Показати',
    previous: 'попередній період',
    byDay: 'Чистий виторг за днями',
    byHour: 'Чистий виторг за годинами',
    export: 'Експорт чеків у чат',
    exportCsv: 'Надіслати CSV',
    exportXlsx: 'Надіслати XLSX',
    xlsxUnavailable: 'XLSX цей сервер ще не вміє: надішліть CSV.',
    pending: 'Ваш попередній експорт ще в дорозі до чату: дочекайтеся його.',
    quota: 'Досить експортів на сьогодні: спробуйте пізніше.',
    sent: 'Файл надіслано в чат з ботом.',
    noProducts: 'Продажів не було.',
  },
};

const enApp: AppStrings = {
  tabs: { today: 'Today', checks: 'Checks', periods: 'Periods' },
  loading: 'Loading…',
  checksCount: 'Checks',
  role: { owner: 'owner', member: 'member' },
  retry: 'Try again',
  updated: (time) => `updated at ${time}`,
  errors: {
    unauthorized: 'Could not verify the sign-in. Open the app again from the bot.',
    forbidden: 'This account is not linked to a shop. Send /start to the bot.',
    notFound: 'Not found.',
    failed: 'Could not load. Check the connection.',
    noLaunch: 'Open this page from the bot in Telegram (the menu button or /app).',
  },
  today: {
    hourly: 'Revenue by hour',
    weekBefore: 'a week before',
    vsWeekBefore: 'vs the same day a week before',
    lastCheck: (time) => `last check at ${time}`,
    noChecks: 'no checks yet',
    now: 'today',
  },
  checks: {
    search: 'Check number, amount or product',
    allDesks: 'All cash desks',
    allKinds: 'All kinds',
    nothing: 'Nothing found.',
    end: 'That is every check.',
    items: (n) => `${n} ${n === 1 ? 'item' : 'items'}`,
    back: 'Back',
    payments: 'Payment',
    receipt: 'E-receipt',
    pdf: 'Check PDF',
    pdfDownload: 'Download the PDF',
    pdfLoading: 'Loading the PDF…',
    discount: 'Discount',
    offline: 'offline check',
    drawer: 'In the drawer after the check',
    qty: '×',
  },
  periods: {
    day: 'Day',
    week: 'Week',
    month: 'Month',
    range: 'Range',
    from: 'From',
    to: 'To',
    show: 'Show',
    previous: 'period before',
    byDay: 'Net revenue by day',
    byHour: 'Net revenue by hour',
    export: 'Export checks to the chat',
    exportCsv: 'Send CSV',
    exportXlsx: 'Send XLSX',
    xlsxUnavailable: 'This service cannot make XLSX yet: send the CSV.',
    pending: 'Your previous export is still on its way to the chat: wait for it.',
    quota: 'That is enough exports for today: try again later.',
    sent: 'The file was sent to your chat with the bot.',
    noProducts: 'No sales.',
  },
};

export type Strings = { app: AppStrings; bot: Catalogue; lang: Lang; locale: string };

export function strings(lang: Lang): Strings {
  const bot = lang === 'en' ? botEn : botUk;
  return { app: lang === 'en' ? enApp : ukApp, bot, lang, locale: bot.locale };
}
