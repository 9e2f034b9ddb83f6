import { CHECK_NUMBER } from './check-bodies.js';

/** One sale alert a stored check owes a chat. */
export interface ExpectedAlert {
  number: string;
  chatId: number;
}

export interface AlertTally {
  expected: number;
  /** Expected alerts that reached their chat at least once. */
  delivered: number;
  /** Expected alerts seen in more than one message (each extra copy counts once). */
  duplicates: number;
  /** A few of the missing ones, for the report. */
  missing: ExpectedAlert[];
}

/**
 * Matches the alerts stored checks owe their chats against what the chats received (a sale
 * alert or a digest line names the check number). Pure.
 */
export function alertTally(expected: readonly ExpectedAlert[], sent: readonly { chatId: number | string; text: string }[]): AlertTally {
  const seen = new Map<string, number>();
  for (const message of sent) {
    for (const number of message.text.match(CHECK_NUMBER) ?? []) {
      const key = `${message.chatId} ${number}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  let delivered = 0;
  let duplicates = 0;
  const missing: ExpectedAlert[] = [];
  for (const alert of expected) {
    const times = seen.get(`${alert.chatId} ${alert.number}`) ?? 0;
    if (times > 0) delivered++;
    else if (missing.length < 5) missing.push(alert);
    duplicates += Math.max(0, times - 1);
  }
  return { expected: expected.length, delivered, duplicates, missing };
}
