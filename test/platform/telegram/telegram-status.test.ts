import { describe, expect, it } from 'vitest';
import { GrammyError, HttpError } from 'grammy';
import { BotTokenRejectedError, createTelegramStatus, isTokenRejected, telegramFailureCause, type TelegramState } from '../../../src/platform/telegram/telegram-status.js';

const grammyError = (code: number, description: string) =>
  new GrammyError(`Call to 'getMe' failed! (${code}: ${description})`, { ok: false, error_code: code, description }, 'getMe', {});

function clock(start: string) {
  let at = new Date(start);
  return {
    now: () => at,
    advance(seconds: number) {
      at = new Date(at.getTime() + seconds * 1000);
    },
  };
}

describe('createTelegramStatus', () => {
  it('starts as starting, in its mode, since its creation', () => {
    const c = clock('2026-12-07T10:00:00Z');
    expect(createTelegramStatus('webhook', c.now).snapshot()).toEqual({ mode: 'webhook', state: 'starting', since: '2026-12-07T10:00:00.000Z' });
  });

  it('reached: once per change, with the time it changed', () => {
    const c = clock('2026-12-07T10:00:00Z');
    const status = createTelegramStatus('polling', c.now);
    const seen: TelegramState[] = [];
    status.onChange((s) => seen.push(s));
    c.advance(5);
    status.reached();
    c.advance(5);
    status.reached();
    expect(seen).toEqual([{ mode: 'polling', state: 'reached', since: '2026-12-07T10:00:05.000Z' }]);
    expect(status.snapshot()).toEqual(seen[0]);
  });

  it('unreachable: since when it stopped answering, with the latest cause; reached again drops the cause', () => {
    const c = clock('2026-12-07T10:00:00Z');
    const status = createTelegramStatus('polling', c.now);
    const seen: TelegramState[] = [];
    status.onChange((s) => seen.push(s));
    status.reached();
    c.advance(60);
    status.unreachable('ECONNREFUSED');
    c.advance(60);
    status.unreachable('ETIMEDOUT');
    expect(status.snapshot()).toEqual({ mode: 'polling', state: 'unreachable', since: '2026-12-07T10:01:00.000Z', cause: 'ETIMEDOUT' });
    c.advance(60);
    status.reached();
    expect(status.snapshot()).toEqual({ mode: 'polling', state: 'reached', since: '2026-12-07T10:03:00.000Z' });
    expect(seen.map((s) => s.state)).toEqual(['reached', 'unreachable', 'unreachable', 'reached']);
  });

  it('unreachable from the start counts from the first failure, not from creation', () => {
    const c = clock('2026-12-07T10:00:00Z');
    const status = createTelegramStatus('webhook', c.now);
    c.advance(30);
    status.unreachable('ENOTFOUND');
    expect(status.snapshot().since).toBe('2026-12-07T10:00:30.000Z');
  });

  it('a snapshot is a copy', () => {
    const status = createTelegramStatus('polling');
    const snapshot = status.snapshot();
    snapshot.state = 'unreachable';
    expect(status.snapshot().state).toBe('starting');
  });
});

describe('the bot token refused', () => {
  it('is a 401 or a 404 from Telegram, nothing else', () => {
    expect(isTokenRejected(grammyError(401, 'Unauthorized'))).toBe(true);
    expect(isTokenRejected(grammyError(404, 'Not Found'))).toBe(true);
    expect(isTokenRejected(grammyError(429, 'Too Many Requests: retry after 5'))).toBe(false);
    expect(isTokenRejected(grammyError(400, 'Bad Request'))).toBe(false);
    expect(isTokenRejected(new Error('401'))).toBe(false);
    expect(isTokenRejected(undefined)).toBe(false);
  });

  it('says what to do, naming the answer', () => {
    const unauthorized = new BotTokenRejectedError(401);
    expect(unauthorized.name).toBe('BotTokenRejectedError');
    expect(unauthorized.errorCode).toBe(401);
    expect(unauthorized.message).toBe("BOT_TOKEN: Telegram refused the bot's token (401 Unauthorized); copy the token again from @BotFather");
    expect(new BotTokenRejectedError(404).message).toContain('(404 Not Found)');
  });
});

describe('telegramFailureCause', () => {
  it("Telegram's own answer: its code and description", () => {
    expect(telegramFailureCause(grammyError(502, 'Bad Gateway'))).toBe('502 Bad Gateway');
  });

  it("the network's error code before its message, once", () => {
    const refused = Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' });
    expect(telegramFailureCause(new HttpError('Network request for getMe failed!', refused))).toBe('ECONNREFUSED: connect failed');
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND api.telegram.org'), { code: 'ENOTFOUND' });
    expect(telegramFailureCause(new HttpError('Network request for getMe failed!', notFound))).toBe('getaddrinfo ENOTFOUND api.telegram.org');
    expect(telegramFailureCause(new Error('The operation was aborted due to timeout'))).toBe('The operation was aborted due to timeout');
  });

  it('never carries the bot token', () => {
    const token = '123456789:AAH-abcdefghijklmnopqrstuvwxyz012345';
    const inner = new Error(`request to https://api.telegram.org/bot${token}/getMe failed`);
    const cause = telegramFailureCause(new HttpError('Network request for getMe failed!', inner));
    expect(cause).not.toContain(token);
    expect(cause).not.toContain('AAH-abcdefghijklmnopqrstuvwxyz012345');
    expect(telegramFailureCause(`bot${token}`)).not.toContain(token);
  });

  it('something thrown that is not an Error, as text', () => {
    expect(telegramFailureCause('socket hang up')).toBe('socket hang up');
    expect(telegramFailureCause(42)).toBe('42');
  });
});
