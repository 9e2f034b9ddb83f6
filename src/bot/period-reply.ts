import type { Logger } from '../platform/observability/logger.js';
import type { Config } from '../platform/config/config.js';
import type { Database } from '../platform/db/client.js';
import { computePeriodReport, type ReportKind } from '../features/reports/period-report.js';
import { MAX_PERIOD_DAYS, periodDays, type Period } from '../features/reports/periods.js';
import { renderPeriodReport } from '../features/reports/period-report-photo.js';
import { plainMessage } from '../platform/telegram/html.js';
import { renderUsage } from './help-message.js';
import type { Catalogue, CommandName } from '../platform/i18n/catalogue.js';
import type { OutgoingMessage } from '../platform/telegram/outgoing.js';
import type { BotContext } from './context.js';
import type { Member } from './middleware/guards.js';
import { sendReply } from './reply.js';

/** /week, /month and /report: the report of a period with its chart, in the asking chat. */
export async function replyWithPeriodReport(
  ctx: BotContext,
  deps: { db: Database; logger: Logger; config: Pick<Config, 'businessTz' | 'businessDayStart'> },
  member: Member,
  kind: ReportKind,
  period: Period,
): Promise<void> {
  if (periodDays(period) > MAX_PERIOD_DAYS) {
    await sendReply(ctx, plainMessage(ctx.access.t.reports.tooLong(MAX_PERIOD_DAYS)), deps.logger);
    return;
  }
  await ctx.replyWithChatAction('upload_photo').catch(() => undefined);
  const clock = { tz: deps.config.businessTz, dayStart: deps.config.businessDayStart };
  const report = await computePeriodReport(deps.db, { businessId: member.business.id, kind, ...period, clock });
  await sendReply(ctx, renderPeriodReport(report, ctx.access.t), deps.logger);
}

/** The answer to a period that cannot be read: why, when the dates are the wrong way round, and the usage line. */
export function periodUsage(command: CommandName, error: 'malformed' | 'reversed', t: Catalogue): OutgoingMessage {
  return error === 'reversed' ? plainMessage(t.argErrors.periodReversed, t.common.usage(t.commands[command].usage)) : renderUsage(command, t);
}
