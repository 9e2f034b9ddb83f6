import type { Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Transformer } from 'grammy';
import type { Config } from '../platform/config/config.js';
import type { Database } from '../platform/db/client.js';
import type { Logger } from '../platform/observability/logger.js';
import type { Business } from '../features/shops/businesses.js';
import type { Chat } from '../features/shops/chats.js';
import type { Catalogue, Lang } from '../platform/i18n/catalogue.js';
import type { DeferredReplies } from './deferred-replies.js';

/** What the bot is built from. */
export interface BotDeps {
  config: Config;
  db: Database;
  logger: Logger;
  /** Known bot identity (skips getMe; tests pass the fake's). */
  botInfo?: UserFromGetMe;
  /** Bot API transformers for every call, replies included (rate limits, retries). */
  apiTransformers?: Transformer[];
  /** The clock (tests). */
  now?: () => Date;
  /** Called after the bot wrote outbox jobs (the PDF button, notices): the worker looks at once. */
  onOutboxWritten?: () => void;
  /** The "not connected" answer's clock (tests); Date.now by default. */
  strangerClock?: () => number;
}

/** Who is talking and for which business, loaded once per update by middleware/access.ts. */
interface Access {
  /** The chat's row whether on or off. */
  chatRow: Chat | undefined;
  /** The chat's row when it is on: the chat belongs to `business`. */
  chat: Chat | undefined;
  business: Business | undefined;
  /** The business's owner, in the owner's own chat. */
  isOwner: boolean;
  lang: Lang;
  t: Catalogue;
}

export type BotContext = Context & {
  access: Access;
  /** Where a reply goes that cannot be sent within about a second (set by bot.ts). */
  deferredReplies?: DeferredReplies;
};
