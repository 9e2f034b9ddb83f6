import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { businesses } from '../../platform/db/schema.js';
import type { Catalogue } from '../../platform/i18n/catalogue.js';

/** The longest name /name takes, in characters (code points, so an emoji is one). */
export const SHOP_NAME_MAX = 64;

/**
 * The one display name of a shop, everywhere (the Mini App's header, /today, summaries,
 * /members, invites): the owner's name for it as given, or "Магазин № N" until named. Plain text:
 * the renderers escape it for the parse mode.
 */
export function shopName(business: { id: number; name: string | null }, t: Catalogue): string {
  return business.name ?? t.shop.unnamed(business.id);
}

/** Control characters (a line break included): a name is one line of text. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

const nameSchema = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    if ([...value].length > SHOP_NAME_MAX) ctx.addIssue({ code: 'custom', message: 'tooLong' });
    else if (CONTROL.test(value)) ctx.addIssue({ code: 'custom', message: 'badCharacters' });
  });

export type ShopNameParse = { ok: true; name: string } | { ok: false; error: 'empty' | 'tooLong' | 'badCharacters' };

/** /name's argument: the name as typed (trimmed), or why it cannot be one. */
export function parseShopName(text: string): ShopNameParse {
  const parsed = nameSchema.safeParse(text);
  if (parsed.success) return { ok: true, name: parsed.data };
  const message = parsed.error.issues[0]?.message;
  return { ok: false, error: message === 'tooLong' || message === 'badCharacters' ? message : 'empty' };
}

export async function setShopName(db: Executor, businessId: number, name: string): Promise<void> {
  await db.update(businesses).set({ name }).where(eq(businesses.id, businessId));
}
