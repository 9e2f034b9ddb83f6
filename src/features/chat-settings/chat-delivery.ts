import { isQuietAt, quietHoursOf } from './chat-settings.js';
import type { OutgoingMessage } from '../../platform/telegram/outgoing.js';

export interface ChatDelivery {
  quietFrom: number | null;
  quietTo: number | null;
  messageThreadId: number | null;
}

/**
 * Where and how a message goes to a chat, decided at send time: into the chat's forum topic when
 * it has one, and silently (disable_notification) during its quiet hours in BUSINESS_TZ. Pure.
 */
export function applyChatDelivery(message: OutgoingMessage, chat: ChatDelivery, at: Date, tz: string): OutgoingMessage {
  const quiet = isQuietAt(quietHoursOf(chat), at, tz);
  return {
    ...message,
    ...(quiet || message.disableNotification ? { disableNotification: true } : {}),
    ...(chat.messageThreadId !== null ? { messageThreadId: chat.messageThreadId } : {}),
  };
}
