import { createHmac } from 'node:crypto';

/**
 * Signs Mini App launch data exactly as Telegram does
 * (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
 * data-check-string = every field but `hash`, as `key=value`, sorted by key, joined by "\n";
 * secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret, data-check-string).
 * Returns the raw initData (a URL query string) as the client finds it in `tgWebAppData`.
 *
 * Used by the API tests (test/app/) and the browser test (test/browser/).
 */
export interface InitDataUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  allows_write_to_pm?: boolean;
}

export interface SignInitDataOptions {
  user: InitDataUser;
  /** When the data was signed; seconds since the epoch or a Date. Defaults to now. */
  authDate?: number | Date;
  botToken: string;
  queryId?: string;
  /** More fields to sign (e.g. chat_type, chat_instance, start_param). */
  extra?: Record<string, string>;
}

export function initDataSecret(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

export function signInitData(options: SignInitDataOptions): string {
  const authDate =
    options.authDate === undefined
      ? Math.floor(Date.now() / 1000)
      : options.authDate instanceof Date
        ? Math.floor(options.authDate.getTime() / 1000)
        : Math.floor(options.authDate);
  const fields: Record<string, string> = {
    auth_date: String(authDate),
    user: JSON.stringify(options.user),
    ...(options.queryId ? { query_id: options.queryId } : {}),
    ...(options.extra ?? {}),
  };
  const dataCheckString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('\n');
  const hash = createHmac('sha256', initDataSecret(options.botToken)).update(dataCheckString).digest('hex');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) params.set(key, value);
  params.set('hash', hash);
  return params.toString();
}

/** The URL hash Telegram opens a Mini App with (`#tgWebAppData=…&tgWebAppVersion=…&…`). */
export function launchHash(initData: string, options: { themeParams?: Record<string, string>; platform?: string; version?: string } = {}): string {
  const params = new URLSearchParams();
  params.set('tgWebAppData', initData);
  params.set('tgWebAppVersion', options.version ?? '8.0');
  params.set('tgWebAppPlatform', options.platform ?? 'tdesktop');
  params.set('tgWebAppThemeParams', JSON.stringify(options.themeParams ?? {}));
  return `#${params.toString()}`;
}
