import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats } from '../../../src/platform/db/schema.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { deskWatchSchedule } from '../../../src/features/watchdog/desk-watch-schedule.js';
import { startSchedules, type Schedules } from '../../../src/platform/schedules/scheduler.js';
import { addDays } from '../../../src/platform/time/business-time.js';
import { minuteOfDay } from '../../../src/platform/time/clock.js';
import { postCheck } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { eventually, startDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness.js';
import { variant } from '../../support/fixtures.js';
import { KYIV, local } from './desk-watch-seed.js';

/**
 * End to end: checks posted to the webhook with past dates make a cash desk's four weeks
 * (Tuesdays 10:00–12:00, a check every 20 minutes); the watch (its real schedule, ticking every
 * second, its clock moved by the test) finds it quiet on the fifth Tuesday, and the owner gets the
 * alert through the outbox and the fake Bot API; a new check brings "selling again".
 */
const TODAY = '2026-12-01'; // a Tuesday
const DESK = '50037129';

describe.each(databaseKinds)('a cash desk went quiet, end to end on %s', (kind) => {
  let h: DeliveryHarness;
  let watch: Schedules;
  let now = local(TODAY, '09:00');
  const groupChat = -100_777_000_001;

  const post = async (date: string, time: string) => {
    const body = variant('sale-cash', randomUUID(), (c) => {
      c.ORDERDATE = date;
      c.ORDERTIME = time;
      c.num_fiscal = DESK;
      // No drawer figure: this test is about silence, not about a drawer that does not add up.
      delete c.cash_in_box;
    });
    const res = await postCheck(h.app.url, h.business.webhookToken, body);
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    h = await startDeliveryHarness(kind, { realRenderer: true });
    // The owner muted sale alerts (the watchdog is not a sale alert); a group in its quiet hours now.
    await h.database.db.update(chats).set({ muted: true, lang: 'en' }).where(eq(chats.chatId, h.ownerChat));
    await h.addChat(groupChat, 'supergroup');
    h.tg.addChat({ id: groupChat, type: 'supergroup', title: 'Shop' });
    const minute = minuteOfDay(new Date(), KYIV);
    await h.database.db
      .update(chats)
      .set({ muted: true, quietFrom: (minute + 1380) % 1440, quietTo: (minute + 60) % 1440 })
      .where(eq(chats.chatId, groupChat));
    for (let week = 4; week >= 1; week--) {
      for (const time of ['10:05:00', '10:25:00', '10:45:00', '11:05:00', '11:25:00', '11:45:00']) await post(addDays(TODAY, -7 * week), time);
    }
    await post(TODAY, '10:05:00');
    watch = startSchedules(
      [deskWatchSchedule({ config: { businessTz: KYIV }, metrics: h.metrics, onOutboxWritten: h.delivery.worker.wake, tickCron: '* * * * * *' })],
      { db: h.database.db, tz: KYIV, logger: createLogger({ level: 'silent' }), now: () => now },
    );
    await watch.ready;
  }, 60_000);

  afterAll(async () => {
    await watch?.stop();
    await h?.close();
  });

  it('the alert arrives once, with the last check and its buttons; then "selling again" after a new check', async () => {
    const texts = (chatId: number) => h.tg.messagesTo(chatId).map((m) => m.text);
    now = local(TODAY, '10:35'); // 30 minutes: the limit, not past it
    await new Promise((r) => setTimeout(r, 2_200));
    expect(texts(h.ownerChat)).toEqual([]);

    now = local(TODAY, '10:36');
    await eventually(() => texts(h.ownerChat).length === 1 && texts(groupChat).length === 1, 10_000, 'the quiet alert');
    const [alert] = h.tg.messagesTo(h.ownerChat);
    expect(alert!.text).toBe(
      `🔕 Cash desk ${DESK} went quiet\nLast check: 01.12.2026 10:05. No check for 31 min.\nAt this hour a pause is usually no longer than 30 min.`,
    );
    const buttons = (alert!.replyMarkup as { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] }).inline_keyboard[0]!;
    expect(buttons.map((b) => b.text)).toEqual(['E-receipt', 'PDF']);
    expect(buttons[1]!.callback_data).toMatch(/^pdf:\d+$/);
    expect(alert!.disableNotification ?? false).toBe(false);
    // The group in its quiet hours gets it silently, in Ukrainian.
    const [groupAlert] = h.tg.messagesTo(groupChat);
    expect(groupAlert!.text.split('\n')[0]).toBe(`🔕 Каса ${DESK} мовчить`);
    expect(groupAlert!.disableNotification).toBe(true);

    // Once per silence: more looks, nothing more.
    now = local(TODAY, '11:30');
    await new Promise((r) => setTimeout(r, 2_200));
    expect(texts(h.ownerChat)).toHaveLength(1);

    await post(TODAY, '11:40:00');
    now = local(TODAY, '11:41');
    await eventually(() => texts(h.ownerChat).length === 2, 10_000, 'selling again');
    expect(texts(h.ownerChat)[1]).toBe(`✅ Cash desk ${DESK} is selling again\nA pause of 1 h 35 min: from 01.12.2026 10:05 to 11:40.`);
    await eventually(() => texts(groupChat).length === 2, 10_000, 'selling again in the group');

    const metrics = await h.metrics.registry.getSingleMetricAsString('cashdesk_watchdog_alerts_total');
    expect(metrics).toContain('cashdesk_watchdog_alerts_total{kind="desk_quiet"} 1');
    expect(metrics).toContain('cashdesk_watchdog_alerts_total{kind="desk_selling_again"} 1');
  }, 60_000);
});
