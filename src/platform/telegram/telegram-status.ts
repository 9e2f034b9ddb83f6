import { GrammyError, HttpError } from 'grammy';
import { scrubTelegramSecrets } from './secrets.js';

/** What /readyz and the `telegram_reachable` gauge say of Telegram (run.ts keeps it current). */
export interface TelegramState {
  /** How updates come: long polling, or Telegram posting to our webhook route. */
  mode: 'polling' | 'webhook';
  /** `starting`: no answer yet; `reached`: the last call answered; `unreachable`: it did not. */
  state: 'starting' | 'reached' | 'unreachable';
  /** Since when it has been in this state (ISO time). */
  since: string;
  /** Why it is unreachable (secrets scrubbed). */
  cause?: string;
}

export interface TelegramStatus {
  reached(): void;
  unreachable(cause: string): void;
  snapshot(): TelegramState;
  /** Called on every change of state (the gauge). */
  onChange(listener: (state: TelegramState) => void): void;
}

export function createTelegramStatus(mode: TelegramState['mode'], now: () => Date = () => new Date()): TelegramStatus {
  let current: TelegramState = { mode, state: 'starting', since: now().toISOString() };
  const listeners: Array<(state: TelegramState) => void> = [];
  const set = (next: TelegramState) => {
    current = next;
    for (const listener of listeners) listener(current);
  };
  return {
    reached() {
      if (current.state !== 'reached') set({ mode, state: 'reached', since: now().toISOString() });
    },
    unreachable(cause) {
      // "Since" is when it stopped answering, not the latest failure.
      set({ mode, state: 'unreachable', since: current.state === 'unreachable' ? current.since : now().toISOString(), cause });
    },
    snapshot: () => ({ ...current }),
    onChange(listener) {
      listeners.push(listener);
    },
  };
}

/** Telegram refused the bot's token (getMe answered 401 or 404): nothing will ever work with it. */
export class BotTokenRejectedError extends Error {
  constructor(readonly errorCode: number) {
    super(`BOT_TOKEN: Telegram refused the bot's token (${errorCode} ${errorCode === 401 ? 'Unauthorized' : 'Not Found'}); copy the token again from @BotFather`);
    this.name = 'BotTokenRejectedError';
  }
}

export const isTokenRejected = (err: unknown): err is GrammyError => err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404);

/**
 * Why a call to Telegram failed, in one short line with no secret in it: Telegram's own answer,
 * the network's error code (ENOTFOUND, ECONNREFUSED, …), or a timeout.
 */
export function telegramFailureCause(err: unknown): string {
  if (err instanceof GrammyError) return `${err.error_code} ${err.description}`;
  const inner = err instanceof HttpError ? err.error : err;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    const found = typeof code === 'string' ? code : undefined;
    const message = scrubTelegramSecrets(inner.message);
    return found && !message.includes(found) ? `${found}: ${message}` : message;
  }
  return scrubTelegramSecrets(String(inner));
}
