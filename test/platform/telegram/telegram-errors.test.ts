import { describe, expect, it } from 'vitest';
import { GrammyError, HttpError } from 'grammy';
import { classifyTelegramAnswer, classifyTelegramError } from '../../../src/platform/telegram/telegram-errors.js';

const grammyError = (error_code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, parameters }, 'sendMessage', {});

describe('classifyTelegramError', () => {
  it('retries 5xx answers and network failures', () => {
    expect(classifyTelegramError(grammyError(502, 'Bad Gateway')).kind).toBe('retryable');
    expect(classifyTelegramError(grammyError(500, 'Internal Server Error')).kind).toBe('retryable');
    const network = new HttpError("Network request for 'sendMessage' failed!", Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const failure = classifyTelegramError(network);
    expect(failure).toMatchObject({ kind: 'retryable' });
    expect(failure.reason).toContain('ECONNRESET');
    expect(classifyTelegramError(new Error('Request timed out after 2 seconds')).kind).toBe('retryable');
  });

  it('reads retry_after of a 429 in milliseconds, from parameters or else from the description', () => {
    expect(classifyTelegramError(grammyError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
    expect(classifyTelegramAnswer({ error_code: 429, description: 'Too Many Requests: retry after 3' })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(classifyTelegramAnswer({ error_code: 429, description: 'Too Many Requests' })).toMatchObject({ retryAfterMs: 1000 });
  });

  it('switches a chat off on 403 and on 400s that mean the chat is gone: blocked, kicked, deleted, deactivated', () => {
    for (const description of [
      'Forbidden: bot was blocked by the user',
      'Forbidden: bot was kicked from the group chat',
      'Forbidden: bot was kicked from the supergroup chat',
      'Forbidden: bot is not a member of the supergroup chat',
      'Forbidden: user is deactivated',
    ]) {
      expect(classifyTelegramError(grammyError(403, description)).kind).toBe('chat_gone');
    }
    for (const description of ['Bad Request: chat not found', 'Bad Request: PEER_ID_INVALID', 'Bad Request: group chat was deactivated']) {
      expect(classifyTelegramError(grammyError(400, description)).kind).toBe('chat_gone');
    }
  });

  it('keeps the chat for refusals that are not "chat gone": a closed topic, no right to send media, no right to send at all', () => {
    for (const description of ['Bad Request: TOPIC_CLOSED', 'Bad Request: TOPIC_DELETED', 'Bad Request: message thread not found']) {
      expect(classifyTelegramError(grammyError(400, description)).kind).toBe('topic_gone');
    }
    for (const description of ['Bad Request: not enough rights to send photos to the chat', 'Bad Request: not enough rights to send documents to the chat']) {
      expect(classifyTelegramError(grammyError(400, description)).kind).toBe('media_forbidden');
    }
    for (const description of [
      'Bad Request: not enough rights to send text messages to the chat',
      'Bad Request: have no rights to send a message',
      'Bad Request: need administrator rights in the channel chat',
      'Bad Request: CHAT_WRITE_FORBIDDEN',
    ]) {
      expect(classifyTelegramError(grammyError(400, description)).kind).toBe('no_rights');
    }
    expect(classifyTelegramError(grammyError(403, 'Forbidden: CHAT_WRITE_FORBIDDEN')).kind).toBe('no_rights');
  });

  it('follows migrate_to_chat_id with the full 64-bit id', () => {
    const failure = classifyTelegramError(
      grammyError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1001234567890123 }),
    );
    expect(failure).toEqual({ kind: 'migrated', newChatId: -1001234567890123, reason: expect.stringContaining('upgraded') });
  });

  it('calls other 400s our own bad request', () => {
    expect(classifyTelegramError(grammyError(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3")).kind).toBe(
      'bad_request',
    );
    expect(classifyTelegramError(grammyError(400, 'Bad Request: message is too long')).kind).toBe('bad_request');
    expect(classifyTelegramError(grammyError(413, 'Request Entity Too Large')).kind).toBe('bad_request');
  });

  it('keeps the bot token out of the reason', () => {
    const err = new HttpError('x', new Error('request to http://x/bot123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/sendMessage failed'));
    expect(classifyTelegramError(err).reason).not.toContain('AAAAAAAAAAAAAAAAAAAA');
  });
});
