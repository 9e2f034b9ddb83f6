import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { NoticePayload } from '../jobs.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { localDateTimeOf } from '../../../platform/time/business-time.js';
import { bold, escapeHtml, outgoing } from '../../../platform/telegram/html.js';
import { cut } from '../../../platform/telegram/limits.js';

/** A notice in the chat's language; times in the business's zone. Pure. */
export function renderNotice(notice: NoticePayload, t: Catalogue, tz: string): OutgoingMessage {
  switch (notice.key) {
    case 'member_joined':
      return outgoing(`👋 ${escapeHtml(t.notices.memberJoined(cut(notice.args.title, 200)))}`);
    case 'chat_left':
      return outgoing(`🔕 ${escapeHtml(t.notices.chatLeft(cut(notice.args.title, 200)))}`);
    case 'rejected_check': {
      const { problems, kept, cap } = notice.args;
      const text = kept === false ? t.notices.rejectedNotKept(problems, cap ?? 200) : t.notices.rejectedCheck(problems);
      return outgoing(`⚠️ ${escapeHtml(text)}\n${escapeHtml(t.notices.rejectedHint)}`);
    }
    case 'undelivered': {
      const since = localDateTimeOf(new Date(notice.args.since), tz);
      return outgoing(`⚠️ ${escapeHtml(t.notices.undelivered(notice.args.count, since))}\n${escapeHtml(t.notices.undeliveredHint)}`);
    }
    case 'topic_closed':
      return outgoing(`📌 ${escapeHtml(t.notices.topicClosed)}`);
    case 'chat_refuses':
      return outgoing(`⚠️ ${escapeHtml(t.notices.chatRefuses(cut(notice.args.title, 200)))}\n${escapeHtml(t.notices.chatRefusesHint)}`);
    case 'desk_clock_wrong': {
      const { numFiscal, orderedAt, receivedAt } = notice.args;
      const times = t.deskClock.times(localDateTimeOf(new Date(orderedAt), tz), localDateTimeOf(new Date(receivedAt), tz));
      return outgoing(`🕒 ${bold(t.deskClock.wrong(cut(numFiscal, 60)))}\n${escapeHtml(times)}\n${escapeHtml(t.deskClock.hint)}`);
    }
    case 'cash_desk_cap':
      return outgoing(`⚠️ ${bold(t.deskCap.reached(notice.args.cap))}\n${escapeHtml(t.deskCap.refused(cut(notice.args.numFiscal, 60)))}\n${escapeHtml(t.deskCap.hint)}`);
  }
}
