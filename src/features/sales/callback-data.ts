import { z } from 'zod';
import { LANGS, type Lang } from '../../platform/i18n/catalogue.js';

/**
 * What inline buttons carry back to the bot (at most 64 bytes). Parsed with zod on the way in:
 * anything else is ignored; a check id is only a reference, always looked up within the
 * pressing chat's business.
 */
export type CallbackAction = { action: 'pdf'; checkId: number } | { action: 'lang'; lang: Lang } | { action: 'test_alert' };

export const pdfCallbackData = (checkId: number): string => `pdf:${checkId}`;
export const langCallbackData = (lang: Lang): string => `lang:${lang}`;
/** /start's "send a test alert" button. */
export const testAlertCallbackData = 'test';

const callbackSchema = z.union([
  z
    .string()
    .regex(/^pdf:[1-9]\d{0,14}$/)
    .transform((s) => ({ action: 'pdf' as const, checkId: Number(s.slice(4)) })),
  z
    .string()
    .regex(/^lang:[a-z]{2}$/)
    .transform((s) => s.slice(5))
    .pipe(z.enum(LANGS))
    .transform((lang) => ({ action: 'lang' as const, lang })),
  z.literal(testAlertCallbackData).transform(() => ({ action: 'test_alert' as const })),
]);

export function parseCallbackData(data: unknown): CallbackAction | undefined {
  const parsed = callbackSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
