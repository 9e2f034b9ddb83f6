import cron from 'node-cron';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/config.js';
import { startService } from '../../src/service.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';

/** A stopped service leaves no timer behind: every cron task it scheduled (summaries, housekeeping, …) is gone. */
describe('service stop', () => {
  let database: TestDatabase | undefined;
  let tg: FakeTelegram | undefined;
  afterAll(async () => {
    await tg?.close();
    await database?.destroy();
  });

  it('destroys every cron task it scheduled, the nightly housekeeping among them', async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram();
    const before = new Set(cron.getTasks().keys());
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, HOST: '127.0.0.1', PORT: '0' });
    const service = await startService(config, { database, logger: createLogger({ level: 'silent' }), withoutBot: true });
    const started = [...cron.getTasks().entries()].filter(([id]) => !before.has(id)).map(([, task]) => task.name);
    expect(started).toContain('housekeeping-tick');
    await service.stop();
    const left = [...cron.getTasks().entries()].filter(([id]) => !before.has(id)).map(([, task]) => task.name);
    expect(left).toEqual([]);
  });
});
