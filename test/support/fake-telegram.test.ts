import { randomBytes } from 'node:crypto';
import { Api, Bot, GrammyError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHtml, RateLimiter, startFakeTelegram, type FakeTelegram } from './fake-telegram.js';

const CHAT = 42;
/** Enough of a BMP for the fake to take it as a picture. */
const TINY_BMP = Buffer.from('BM-picture');

let tg: FakeTelegram;
let api: Api;

beforeEach(async () => {
  tg = await startFakeTelegram();
  api = new Api(tg.token, { apiRoot: tg.url });
});

afterEach(async () => {
  await tg.close();
});

/** Raw JSON call, to check exact answer bodies. */
async function call(method: string, params: Record<string, unknown> = {}, token = tg.token) {
  const res = await fetch(`${tg.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('routing', () => {
  it('answers getMe with the configured bot', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ is_bot: true, username: 'cashdesk_test_bot', id: 123456789 });
  });

  it('rejects a wrong token with 401 and an unknown method with 404', async () => {
    expect(await call('getMe', {}, '1:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await call('sendTelepathy')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
  });

  it('accepts urlencoded bodies and GET query parameters', async () => {
    const form = await fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '-1001234567890123', text: 'form <i>x</i>', parse_mode: 'HTML' }),
    });
    expect(form.status).toBe(200);
    const get = await fetch(`${tg.url}/bot${tg.token}/sendMessage?chat_id=7&text=query`);
    expect(get.status).toBe(200);
    expect(tg.sent.map((m) => [m.chatId, m.text])).toEqual([
      [-1001234567890123, 'form x'],
      [7, 'query'],
    ]);
  });

  it('requires chat_id and text', async () => {
    expect((await call('sendMessage', { text: 'hi' })).body['description']).toBe('Bad Request: chat_id is empty');
    expect((await call('sendMessage', { chat_id: CHAT })).body['description']).toBe('Bad Request: message text is empty');
    expect((await call('sendMessage', { chat_id: CHAT, text: '<b> </b>', parse_mode: 'HTML' })).body['description']).toBe(
      'Bad Request: message text is empty',
    );
    expect((await call('sendMessage', { chat_id: CHAT, text: 'x', parse_mode: 'html5' })).body['description']).toBe(
      'Bad Request: unsupported parse_mode',
    );
  });
});

describe('HTML parse mode', () => {
  const send = (text: string) => api.sendMessage(CHAT, text, { parse_mode: 'HTML' });

  it('rejects unknown tags with the byte offset', async () => {
    const error = await apiError(send('Hello there <foo>bar</foo>'));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 12');
  });

  it('counts byte offsets in UTF-8', () => {
    expect(() => parseHtml('Привіт <x>')).toThrow('Unsupported start tag "x" at byte offset 13');
  });

  it('rejects an unescaped < and &', async () => {
    expect((await apiError(send('1 < 2'))).description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    );
    expect((await apiError(send('Tom & Jerry'))).description).toMatch(/^Bad Request: can't parse entities: .*&/);
    expect((await apiError(send('a&nbsp;b'))).description).toMatch(/^Bad Request: can't parse entities: Unsupported HTML entity "&nbsp;"/);
  });

  it('rejects unclosed and mismatched tags', async () => {
    expect((await apiError(send('<b>bold'))).description).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect((await apiError(send('<b><i>x</b></i>'))).description).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    );
    expect((await apiError(send('x</b>'))).description).toBe(
      "Bad Request: can't parse entities: Unexpected end tag at byte offset 1",
    );
    expect((await apiError(send('<a>link</a>'))).description).toMatch(/^Bad Request: can't parse entities: Tag "a" must have/);
  });

  it('accepts escaped text and stores the visible text with entities', async () => {
    const raw = '<b>a &lt; b &amp;&amp; c &gt; d</b> &quot;q&quot; &#39;&#x41; <a href=\'https://e.com/?a=1&amp;b=2\'>link</a>';
    const message = await send(raw);
    expect(message.text).toBe('a < b && c > d "q" \'A link');
    expect(message.entities).toEqual([
      { type: 'bold', offset: 0, length: 14 },
      { type: 'text_link', offset: 22, length: 4, url: 'https://e.com/?a=1&b=2' },
    ]);
    expect(tg.sent[0]).toMatchObject({ text: message.text, rawText: raw, parseMode: 'HTML', chatId: CHAT });
  });

  it('supports pre/code with language, spoilers, expandable blockquotes and custom emoji', () => {
    const parsed = parseHtml(
      '<pre><code class="language-ts">let x</code></pre><span class="tg-spoiler">s</span>' +
        '<blockquote expandable>q</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(parsed.text).toBe('let xsq👍');
    expect(parsed.entities).toEqual([
      { type: 'pre', offset: 0, length: 5, language: 'ts' },
      { type: 'spoiler', offset: 5, length: 1 },
      { type: 'expandable_blockquote', offset: 6, length: 1 },
      { type: 'custom_emoji', offset: 7, length: 2, custom_emoji_id: '5368324170671202286' },
    ]);
    expect(() => parseHtml('<span>x</span>')).toThrow('Tag "span" must have class "tg-spoiler"');
  });
});

describe('Markdown parse modes', () => {
  it('are refused loudly: the service sends HTML only, so a Markdown send is a bug to see', async () => {
    for (const mode of ['MarkdownV2', 'Markdown'] as const) {
      const error = await apiError(api.sendMessage(CHAT, '*Total:* 5\\.00', { parse_mode: mode }));
      expect(error.error_code).toBe(500);
      expect(error.description).toContain(`parse_mode ${mode} is not implemented`);
    }
  });
});

describe('length limits', () => {
  it('accepts exactly 4096 visible characters and rejects 4097', async () => {
    await expect(api.sendMessage(CHAT, 'a'.repeat(4096))).resolves.toMatchObject({ message_id: 1 });
    await expect(api.sendMessage(CHAT, `<b>${'я'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toBeDefined();
    expect((await apiError(api.sendMessage(CHAT, 'a'.repeat(4097)))).description).toBe(
      'Bad Request: message is too long',
    );
    // surrogate pairs count as two UTF-16 code units
    expect((await apiError(api.sendMessage(CHAT, '😀'.repeat(2049)))).description).toBe(
      'Bad Request: message is too long',
    );
  });

  it('accepts a 1024-character caption and rejects 1025', async () => {
    const file = new InputFile(Buffer.from('%PDF-1.4'), 'a.pdf');
    await expect(api.sendDocument(CHAT, file, { caption: 'c'.repeat(1024) })).resolves.toBeDefined();
    const error = await apiError(
      api.sendDocument(CHAT, new InputFile(Buffer.from('%PDF-1.4'), 'b.pdf'), {
        caption: `<i>${'c'.repeat(1025)}</i>`,
        parse_mode: 'HTML',
      }),
    );
    expect(error.description).toBe('Bad Request: message caption is too long');
  });
});

describe('reply_markup', () => {
  it('validates inline keyboard buttons', async () => {
    const send = (button: Record<string, unknown>) =>
      call('sendMessage', { chat_id: CHAT, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'B', ...button }]] } });
    expect((await send({ callback_data: 'x'.repeat(65) })).body['description']).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect((await send({ callback_data: 'ї'.repeat(33) })).body['description']).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect((await send({ url: 'ftp://example.com' })).body['description']).toBe('Bad Request: BUTTON_URL_INVALID');
    expect((await send({})).body['description']).toMatch(/^Bad Request: can't parse inline keyboard button/);
    expect((await send({ callback_data: 'a', url: 'https://e.com' })).body['description']).toMatch(/exactly one/);
    expect((await call('sendMessage', { chat_id: CHAT, text: 'x', reply_markup: '{oops' })).body['description']).toBe(
      "Bad Request: can't parse reply keyboard markup JSON object",
    );
    const ok = await send({ callback_data: 'x'.repeat(64) });
    expect(ok.status).toBe(200);
    expect(tg.sent[0]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'B', callback_data: 'x'.repeat(64) }]] });
  });
});

describe('fault injection', () => {
  it('injects 429 with retry_after', async () => {
    tg.failNext(1, { status: 429, retryAfter: 5 });
    expect(await call('sendMessage', { chat_id: CHAT, text: 'hi' })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } },
    });
    tg.failNext(1, { status: 429, retryAfter: 3 });
    const error = await apiError(api.sendMessage(CHAT, 'hi'));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(3);
    await expect(api.sendMessage(CHAT, 'hi')).resolves.toBeDefined();
    expect(tg.sent).toHaveLength(1);
  });

  it('answers 403 for a blocked chat until unblocked', async () => {
    tg.blockChat(CHAT);
    expect(await call('sendMessage', { chat_id: CHAT, text: 'hi' })).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    tg.unblockChat(CHAT);
    await expect(api.sendMessage(CHAT, 'hi')).resolves.toBeDefined();
  });

  it('reports kicked and deleted chats', async () => {
    tg.kickFromChat(-555);
    expect((await apiError(api.sendMessage(-555, 'x'))).description).toBe('Forbidden: bot was kicked from the group chat');
    tg.deleteChat(-556);
    expect((await apiError(api.sendMessage(-556, 'x'))).description).toBe('Bad Request: chat not found');
  });

  it('answers a migrated group with migrate_to_chat_id', async () => {
    const newId = -1001234567890123;
    tg.migrateChat(-123, newId);
    expect(await call('sendMessage', { chat_id: -123, text: 'hi' })).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: newId },
      },
    });
    const error = await apiError(api.sendMessage(-123, 'hi'));
    expect(error.parameters.migrate_to_chat_id).toBe(newId);
    const message = await api.sendMessage(newId, 'hi');
    expect(message.chat).toMatchObject({ id: newId, type: 'supergroup' });
    expect(tg.messagesTo(newId)).toHaveLength(1);
  });

  it('answers TOPIC_CLOSED in a closed forum topic and "message thread not found" in a deleted one', async () => {
    const forum = -1009876543210;
    tg.openForumTopic(forum, 7);
    await expect(api.sendMessage(forum, 'in the topic', { message_thread_id: 7 })).resolves.toMatchObject({ message_thread_id: 7 });
    tg.closeForumTopic(forum, 7);
    expect(await call('sendMessage', { chat_id: forum, text: 'x', message_thread_id: 7 })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: TOPIC_CLOSED' },
    });
    expect((await apiError(api.sendPhoto(forum, new InputFile(TINY_BMP, 'a.bmp'), { message_thread_id: 7 }))).description).toBe(
      'Bad Request: TOPIC_CLOSED',
    );
    tg.deleteForumTopic(forum, 7);
    expect((await apiError(api.sendMessage(forum, 'x', { message_thread_id: 7 }))).description).toBe('Bad Request: message thread not found');
    expect((await apiError(api.sendMessage(forum, 'x', { message_thread_id: 8 }))).description).toBe('Bad Request: message thread not found');
    // The General topic (no thread id) still takes messages.
    await expect(api.sendMessage(forum, 'general')).resolves.toBeDefined();
    expect(tg.messagesTo(forum).map((m) => m.text)).toEqual(['in the topic', 'general']);
  });

  it("answers Telegram's 'not enough rights' for what the group's permissions forbid the bot", async () => {
    const group = -4242;
    tg.setBotRights(group, { photos: false, documents: false });
    expect(await call('sendMessage', { chat_id: group, text: 'text is fine' })).toMatchObject({ status: 200 });
    expect((await apiError(api.sendPhoto(group, new InputFile(TINY_BMP, 'a.bmp')))).description).toBe(
      'Bad Request: not enough rights to send photos to the chat',
    );
    expect((await apiError(api.sendDocument(group, new InputFile(Buffer.from('%PDF'), 'a.pdf')))).description).toBe(
      'Bad Request: not enough rights to send documents to the chat',
    );
    tg.setBotRights(group, { text: false });
    expect(await call('sendMessage', { chat_id: group, text: 'x' })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: not enough rights to send text messages to the chat' },
    });
    tg.setBotRights(group, { text: true, photos: true, documents: true });
    await expect(api.sendDocument(group, new InputFile(Buffer.from('%PDF'), 'a.pdf'))).resolves.toBeDefined();
  });

  it('supports a fault hook with timeout and drop', async () => {
    tg.setFault(({ method, params }) => {
      if (method === 'sendMessage' && params['text'] === 'drop') return 'drop';
      if (method === 'sendMessage' && params['text'] === 'hang') return 'timeout';
      return undefined;
    });
    await expect(fetch(`${tg.url}/bot${tg.token}/sendMessage?chat_id=1&text=drop`)).rejects.toThrow();
    const hung = fetch(`${tg.url}/bot${tg.token}/sendMessage?chat_id=1&text=hang`);
    await tg.waitForRequest((r) => r.params['text'] === 'hang');
    const slowApi = new Api(tg.token, { apiRoot: tg.url, timeoutSeconds: 1 });
    await expect(slowApi.sendMessage(1, 'hang')).rejects.toThrow();
    await tg.close(); // releases the held request
    await expect(hung).rejects.toThrow();
    expect(tg.sent).toHaveLength(0);
  });

  it('enforces private chat flood limits when enabled', async () => {
    let now = 1_000_000;
    const limited = await startFakeTelegram({ enforceLimits: true, now: () => now });
    try {
      const lapi = new Api(limited.token, { apiRoot: limited.url });
      for (let i = 0; i < 3; i++) await lapi.sendMessage(CHAT, `burst ${i}`);
      const error = await apiError(lapi.sendMessage(CHAT, 'too fast'));
      expect(error.error_code).toBe(429);
      expect(error.parameters.retry_after).toBeGreaterThanOrEqual(1);
      now += 1000;
      await expect(lapi.sendMessage(CHAT, 'after a second')).resolves.toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe('multipart uploads', () => {
  it('keeps the exact bytes, filename and caption of a document', async () => {
    const bytes = Buffer.concat([
      Buffer.from('%PDF-1.7\r\n--boundary-lookalike\r\n\r\n'),
      randomBytes(256 * 1024),
      Buffer.from('\r\n--'),
    ]);
    const message = await api.sendDocument(CHAT, new InputFile(bytes, 'x.pdf'), {
      caption: '<b>Report</b> for &quot;May&quot;',
      parse_mode: 'HTML',
    });
    expect(message.document).toMatchObject({ file_name: 'x.pdf', mime_type: 'application/pdf', file_size: bytes.length });
    expect(message.caption).toBe('Report for "May"');

    const sent = tg.sent[0];
    expect(sent?.method).toBe('sendDocument');
    expect(sent?.document?.filename).toBe('x.pdf');
    expect(sent?.document?.mimeType).toBe('application/pdf');
    expect(sent?.document?.bytes.equals(bytes)).toBe(true);
    expect(sent?.caption).toBe('Report for "May"');

    // the returned file_id can be re-sent; unknown ids are rejected
    const again = await api.sendDocument(CHAT, message.document.file_id);
    expect(again.document.file_id).toBe(message.document.file_id);
    expect(tg.sent[1]?.document?.bytes.equals(bytes)).toBe(true);
    expect((await apiError(api.sendDocument(CHAT, 'no-such-file-id'))).description).toBe(
      'Bad Request: wrong file identifier/HTTP URL specified',
    );
  });

  it('parses standard multipart bodies (quoted filename, file in the named field)', async () => {
    const form = new FormData();
    form.set('chat_id', String(CHAT));
    form.set('caption', 'плюс 😀');
    form.set('reply_markup', JSON.stringify({ inline_keyboard: [[{ text: 'Open', url: 'https://e.com' }]] }));
    const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    form.set('document', new Blob([bytes], { type: 'text/csv' }), 'звіт май.csv');
    const res = await fetch(`${tg.url}/bot${tg.token}/sendDocument`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(tg.sent[0]).toMatchObject({
      caption: 'плюс 😀',
      replyMarkup: { inline_keyboard: [[{ text: 'Open', url: 'https://e.com' }]] },
      document: { filename: 'звіт май.csv', mimeType: 'text/csv' },
    });
    expect(tg.sent[0]?.document?.bytes.equals(bytes)).toBe(true);
    expect((await call('sendDocument', { chat_id: CHAT })).body['description']).toBe(
      'Bad Request: there is no document in the request',
    );
  });

  it('rejects photos that are not images', async () => {
    const error = await apiError(api.sendPhoto(CHAT, new InputFile(Buffer.from('not an image'), 'p.jpg')));
    expect(error.description).toBe('Bad Request: IMAGE_PROCESS_FAILED');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const message = await api.sendPhoto(CHAT, new InputFile(png, 'p.png'), { caption: 'pic' });
    expect(message.photo[0]).toMatchObject({ width: 1, height: 1 });
    expect(tg.sent[0]?.photo?.bytes.equals(png)).toBe(true);
  });
});

describe('updates', () => {
  it('delivers injected updates to a long-polling grammY bot', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.url } });
    bot.command('start', (ctx) => ctx.reply(`Hello, ${ctx.from?.first_name ?? '?'}`));
    bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery({ text: `got ${ctx.callbackQuery.data}` });
      await ctx.editMessageText('done');
    });
    const started = new Promise<void>((resolve) => {
      void bot.start({ onStart: () => resolve(), timeout: 30 });
    });
    await started;
    await tg.waitForRequest((r) => r.method === 'getUpdates' && r.params['timeout'] === 30);

    const reply = tg.waitForReply(CHAT);
    const update = tg.userMessage({ chatId: CHAT, text: '/start@cashdesk_test_bot', firstName: 'Olena' });
    expect(update.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 24 }]);
    const t0 = Date.now();
    expect((await reply).text).toBe('Hello, Olena');
    expect(Date.now() - t0).toBeLessThan(2000);

    await api.editMessageReplyMarkup(CHAT, (await reply).messageId, {
      reply_markup: { inline_keyboard: [[{ text: 'Confirm', callback_data: 'confirm:1' }]] },
    });
    const edit = tg.waitForReply(CHAT, 5000, { includeEdits: true });
    tg.pressButton({ chatId: CHAT, button: 'Confirm' });
    expect((await edit).text).toBe('done');
    expect(tg.callbackAnswers[0]?.text).toBe('got confirm:1');

    await bot.stop();
    expect(tg.pendingUpdates).toHaveLength(0);
  });

  it('implements offset semantics and long-poll timeouts', async () => {
    const first = tg.sendUpdate({ message: { text: 'raw' } } as never);
    tg.userMessage({ chatId: 7, text: 'two' });
    let result = await api.getUpdates();
    expect(result.map((u) => u.update_id)).toEqual([first.update_id, first.update_id + 1]);
    result = await api.getUpdates({ offset: first.update_id + 1 });
    expect(result).toHaveLength(1);
    result = await api.getUpdates({ offset: first.update_id + 2, timeout: 1 });
    expect(result).toEqual([]);

    const waiting = api.getUpdates({ offset: first.update_id + 2, timeout: 30 });
    await tg.waitForRequest((r) => r.method === 'getUpdates' && r.params['timeout'] === 30);
    const t0 = Date.now();
    tg.userMessage({ chatId: 7, text: 'three' });
    expect((await waiting).map((u) => u.message?.text)).toEqual(['three']);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('ends a pending long poll promptly on close()', async () => {
    const waiting = api.getUpdates({ timeout: 30 });
    await tg.waitForRequest('getUpdates');
    const t0 = Date.now();
    await tg.close();
    await waiting.catch(() => undefined);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('refuses getUpdates while a webhook is set', async () => {
    expect((await apiError(api.setWebhook('http://example.com/hook'))).description).toBe(
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    );
    await api.setWebhook('https://example.com/hook', { secret_token: 's3cret' });
    expect(tg.webhook).toEqual({ url: 'https://example.com/hook', secretToken: 's3cret' });
    expect((await apiError(api.getUpdates())).error_code).toBe(409);
    await api.deleteWebhook();
    await expect(api.getUpdates()).resolves.toEqual([]);
  });

  it('stores commands per scope and language', async () => {
    await api.setMyCommands([{ command: 'start', description: 'Start' }]);
    await api.setMyCommands([{ command: 'start', description: 'Почати' }], { language_code: 'uk' });
    expect(await api.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }]);
    expect(tg.getCommands({ languageCode: 'uk' })).toEqual([{ command: 'start', description: 'Почати' }]);
    expect((await apiError(api.setMyCommands([{ command: 'Start', description: 'x' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_INVALID',
    );
    await api.deleteMyCommands();
    expect(await api.getMyCommands()).toEqual([]);
  });
});

describe('chat state', () => {
  it('follows my_chat_member updates and knows chats from updates', async () => {
    tg.userMessage({ chatId: 77, text: 'hi', username: 'olena_k', firstName: 'Olena' });
    expect(await api.getChat('@olena_k')).toMatchObject({ id: 77, type: 'private', first_name: 'Olena' });
    expect((await apiError(api.getChat(78))).description).toBe('Bad Request: chat not found');

    tg.myChatMember({ chatId: 77, newStatus: 'kicked' });
    expect((await apiError(api.sendMessage(77, 'x'))).error_code).toBe(403);
    tg.myChatMember({ chatId: 77, newStatus: 'member' });
    await expect(api.sendMessage(77, 'welcome back')).resolves.toBeDefined();

    const update = tg.myChatMember({ chatId: -1001000000001, newStatus: 'administrator', chatTitle: 'Shop' });
    expect(update.my_chat_member?.new_chat_member.status).toBe('administrator');
    await api.leaveChat(-1001000000001);
    expect((await apiError(api.sendMessage(-1001000000001, 'x'))).description).toBe(
      'Forbidden: bot is not a member of the supergroup chat',
    );
  });

  it('getChatMember: statuses set by the test, "member" for one who wrote, "left" otherwise; a private chat has its user only', async () => {
    const GROUP = -1001000000002;
    tg.userMessage({ chatId: GROUP, chatType: 'supergroup', fromId: 501, text: 'hi' });
    tg.setChatMemberStatus(GROUP, 502, 'administrator');
    tg.setChatMemberStatus(GROUP, 503, 'creator');
    expect(await api.getChatMember(GROUP, 501)).toMatchObject({ status: 'member', user: { id: 501, is_bot: false } });
    expect(await api.getChatMember(GROUP, 502)).toMatchObject({ status: 'administrator', can_manage_chat: true });
    expect(await api.getChatMember(GROUP, 503)).toMatchObject({ status: 'creator', is_anonymous: false });
    expect(await api.getChatMember(GROUP, 504)).toMatchObject({ status: 'left' });
    expect((await apiError(api.getChatMember(GROUP, 0))).description).toBe('Bad Request: invalid user_id specified');

    tg.userMessage({ chatId: 77, text: 'hi', firstName: 'Olena' });
    expect(await api.getChatMember(77, 77)).toMatchObject({ status: 'member', user: { id: 77, first_name: 'Olena' } });
    expect((await apiError(api.getChatMember(77, 78))).description).toBe('Bad Request: member not found');

    tg.myChatMember({ chatId: GROUP, newStatus: 'kicked', chatType: 'supergroup' });
    expect((await apiError(api.getChatMember(GROUP, 501))).error_code).toBe(403);
  });

  it('an anonymous admin writes as the group: from is @GroupAnonymousBot, sender_chat the group', async () => {
    const update = tg.userMessage({ chatId: -1001000000003, chatType: 'supergroup', text: '/mute', asAnonymousAdmin: true, chatTitle: 'Shop' });
    expect(update.message).toMatchObject({
      from: { id: 1087968824, is_bot: true, username: 'GroupAnonymousBot' },
      sender_chat: { id: -1001000000003, type: 'supergroup', title: 'Shop' },
    });
    expect(() => tg.userMessage({ chatId: 79, text: 'x', asAnonymousAdmin: true })).toThrow(/groups only/);
  });

  it('edits only existing bot messages and reports unmodified edits', async () => {
    const m = await api.sendMessage(CHAT, 'v1');
    expect((await apiError(api.editMessageText(CHAT, m.message_id, 'v1'))).description).toMatch(
      /^Bad Request: message is not modified/,
    );
    expect((await apiError(api.editMessageText(CHAT, 999, 'v2'))).description).toBe(
      'Bad Request: message to edit not found',
    );
    const edited = await api.editMessageText(CHAT, m.message_id, '<b>v2</b>', { parse_mode: 'HTML' });
    expect(edited).toMatchObject({ text: 'v2', entities: [{ type: 'bold', offset: 0, length: 2 }] });
    expect(tg.sent.map((s) => s.method)).toEqual(['sendMessage', 'editMessageText']);
    expect((await apiError(api.sendMessage(CHAT, 'r', { reply_parameters: { message_id: 500 } }))).description).toBe(
      'Bad Request: message to be replied not found',
    );
  });
});

describe('RateLimiter', () => {
  it('limits groups to 20 per minute and everything to 30 per second', () => {
    let now = 0;
    const limiter = new RateLimiter({}, () => now);
    for (let i = 0; i < 20; i++) expect(limiter.take(-100, 'group')).toBeUndefined();
    expect(limiter.take(-100, 'group')).toBe(60);
    now += 30_000;
    expect(limiter.take(-100, 'group')).toBe(30);

    now = 100_000;
    const global = new RateLimiter({}, () => now);
    for (let i = 0; i < 30; i++) expect(global.take(i + 1, 'private')).toBeUndefined();
    expect(global.take(999, 'private')).toBe(1);
  });
});

describe('recording', () => {
  it('numbers messages per chat and waits for matching messages', async () => {
    const a = await api.sendMessage(1, 'one');
    const b = await api.sendMessage(1, 'two', { disable_notification: true, message_thread_id: 5 });
    const c = await api.sendMessage(2, 'other');
    expect([a.message_id, b.message_id, c.message_id]).toEqual([1, 2, 1]);
    expect(a.from).toMatchObject({ is_bot: true, username: 'cashdesk_test_bot' });
    expect(tg.messagesTo(1).map((m) => m.text)).toEqual(['one', 'two']);
    expect(tg.messagesTo(1)[1]).toMatchObject({ disableNotification: true, messageThreadId: 5 });

    await expect(tg.waitFor((m) => m.text === 'two')).resolves.toMatchObject({ chatId: 1 });
    await expect(tg.waitFor((m) => m.text === 'never', 50)).rejects.toThrow(/timed out after 50ms/);
    expect(tg.requests.map((r) => [r.method, r.status])).toEqual([
      ['sendMessage', 200],
      ['sendMessage', 200],
      ['sendMessage', 200],
    ]);
    tg.reset();
    expect(tg.sent).toHaveLength(0);
    expect(tg.requests).toHaveLength(0);
  });
});
