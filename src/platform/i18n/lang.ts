import { LANGS, type Catalogue, type Lang } from './catalogue.js';
import { uk } from './uk.js';
import { en } from './en.js';

const CATALOGUES: Record<Lang, Catalogue> = { uk, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Ukrainian for Telegram's uk and ru (and when Telegram says nothing), English otherwise. */
export function langFromTelegram(languageCode: string | undefined | null): Lang {
  if (!languageCode) return 'uk';
  const base = languageCode.toLowerCase().split(/[-_]/)[0];
  return base === 'uk' || base === 'ru' ? 'uk' : 'en';
}

/** The chat's chosen language (/lang) first, else the person's Telegram language. */
export function pickLang(chatLang: string | null | undefined, languageCode?: string | null): Lang {
  return isLang(chatLang) ? chatLang : langFromTelegram(languageCode);
}

export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}
