import { on, postEvent, retrieveLaunchParams, retrieveRawInitData } from '@telegram-apps/sdk';
import type { Lang } from '../../src/miniapp/api-contract.js';

/**
 * What Telegram hands the page: the raw initData (sent as `Authorization: tma …` on every API
 * call), the user's language and the theme colours. Read through @telegram-apps/sdk from the
 * launch parameters in the URL hash (`tgWebAppData`, `tgWebAppThemeParams`, …); the SDK keeps
 * them in sessionStorage, so a reload inside Telegram still finds them.
 */
export interface Launch {
  /** Where it came from: the SDK, or our own reading of the hash (older clients, no `signature`). */
  source: 'sdk' | 'hash';
  initData: string;
  lang: Lang;
  theme: Record<string, string>;
}

export function readLaunch(): Launch | null {
  try {
    const initData = retrieveRawInitData();
    if (!initData) return null;
    const lp = retrieveLaunchParams();
    return launch('sdk', initData, lp.tgWebAppData?.user?.language_code, lp.tgWebAppThemeParams ?? {});
  } catch {
    // The SDK refuses launch data without Telegram's newer `signature` field (older clients send
    // none); the server checks the HMAC either way, so read the hash ourselves then.
    return readHash();
  }
}

const STORED = 'cashdesk-app-launch';

function readHash(): Launch | null {
  let raw = new URLSearchParams(location.hash.slice(1));
  try {
    if (raw.get('tgWebAppData')) sessionStorage.setItem(STORED, location.hash.slice(1));
    else raw = new URLSearchParams(sessionStorage.getItem(STORED) ?? '');
  } catch {
    /* no sessionStorage */
  }
  const initData = raw.get('tgWebAppData');
  if (!initData) return null;
  let code: string | undefined;
  let theme: unknown = {};
  try {
    code = (JSON.parse(new URLSearchParams(initData).get('user') ?? '{}') as { language_code?: string }).language_code;
    theme = JSON.parse(raw.get('tgWebAppThemeParams') ?? '{}');
  } catch {
    /* keep the defaults */
  }
  return launch('hash', initData, code, theme && typeof theme === 'object' ? (theme as Record<string, unknown>) : {});
}

function launch(source: Launch['source'], initData: string, languageCode: string | undefined, themeParams: Record<string, unknown>): Launch {
  const theme: Record<string, string> = {};
  for (const [key, value] of Object.entries(themeParams)) if (typeof value === 'string') theme[key] = value;
  return { source, initData, lang: (languageCode ?? '').toLowerCase().startsWith('en') ? 'en' : 'uk', theme };
}

/** Telegram's theme colours as CSS variables (`bg_color` → `--tg-bg-color`), and light/dark. */
export function applyTheme(theme: Record<string, string>): void {
  const root = document.documentElement;
  for (const [key, value] of Object.entries(theme)) {
    if (/^#[0-9a-f]{3,8}$/i.test(value)) root.style.setProperty(`--tg-${key.replace(/_/g, '-')}`, value);
  }
  root.dataset.scheme = isDark(theme.bg_color) ? 'dark' : 'light';
}

function isDark(hex: string | undefined): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? '');
  if (!m?.[1]) return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const n = parseInt(m[1], 16);
  const luminance = (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
  return luminance < 0.5;
}

/** Calls a Telegram method; outside Telegram (a plain browser) this does nothing harmful. */
function send(call: () => void): void {
  try {
    call();
  } catch {
    /* not inside Telegram, or an old client: the page works without it */
  }
}

export function telegramReady(onTheme: (theme: Record<string, string>) => void): void {
  send(() => postEvent('web_app_ready'));
  send(() => postEvent('web_app_expand'));
  // Scrolling a long list must not swipe the app closed (Telegram 7.7+; older clients ignore it).
  send(() => postEvent('web_app_setup_swipe_behavior', { allow_vertical_swipe: false }));
  try {
    on('theme_changed', (payload) => {
      const theme: Record<string, string> = {};
      for (const [key, value] of Object.entries(payload.theme_params ?? {})) {
        if (typeof value === 'string') theme[key] = value;
      }
      onTheme(theme);
    });
  } catch {
    /* no event bridge */
  }
}

/** Telegram's own back button, shown while a check is open. */
export function backButton(visible: boolean, onPress: () => void): () => void {
  send(() => postEvent('web_app_setup_back_button', { is_visible: visible }));
  if (!visible) return () => {};
  try {
    const off = on('back_button_pressed', onPress);
    return () => off();
  } catch {
    return () => {};
  }
}

/**
 * Opens a t.me link (the bot's chat) in Telegram itself: its `web_app_open_tg_link` inside
 * Telegram (the app then closes to the chat), the link as it is elsewhere.
 */
export function openTelegramLink(url: string, event: Event): void {
  if (window.parent !== window || 'TelegramWebviewProxy' in window) {
    event.preventDefault();
    const link = new URL(url);
    send(() => postEvent('web_app_open_tg_link', { path_full: `${link.pathname}${link.search}` }));
  }
}

/** Opens a link in the browser: Telegram's method inside Telegram, a new tab elsewhere. */
export function openLink(url: string, event: Event): void {
  if (window.parent !== window || 'TelegramWebviewProxy' in window) {
    event.preventDefault();
    send(() => postEvent('web_app_open_link', { url }));
  }
}
