import { z } from 'zod';

/**
 * What the /members buttons carry back (`mem:…`, at most 64 bytes), parsed with zod; anything
 * else is ignored. The chat id is only a reference: it is removed only when it is a member chat
 * of the business of the owner who presses.
 */
export type MembersAction = { action: 'ask'; chatId: number } | { action: 'remove'; chatId: number } | { action: 'list' };

export const MEMBERS_PREFIX = 'mem:';

/** Telegram chat ids: users up to 2^52, groups negative, supergroups -100… (16 digits at most). */
const chatId = z
  .string()
  .regex(/^-?[1-9]\d{0,15}$/)
  .transform(Number)
  .pipe(z.number().int().refine(Number.isSafeInteger));

const schema = z.union([
  z.literal('mem:list').transform(() => ({ action: 'list' as const })),
  z
    .string()
    .regex(/^mem:(ask|rm):[^:]+$/)
    .transform((s) => s.split(':'))
    .pipe(z.tuple([z.literal('mem'), z.enum(['ask', 'rm']), chatId]))
    .transform(([, verb, id]) => ({ action: verb === 'ask' ? ('ask' as const) : ('remove' as const), chatId: id })),
]);

export function parseMembersCallback(data: unknown): MembersAction | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export const membersCallbackData = {
  ask: (chatId: number) => `mem:ask:${chatId}`,
  remove: (chatId: number) => `mem:rm:${chatId}`,
  list: () => 'mem:list',
};
