import { sql } from 'drizzle-orm';
import {
  pgTable,
  bigserial,
  bigint,
  text,
  integer,
  boolean,
  timestamp,
  date,
  jsonb,
  customType,
  index,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/pg-core';

/**
 * One schema for every database (postgres.js). Money is integer kopecks (bigint),
 * quantities integer thousandths; chat and user ids are 64-bit.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

const id = (name: string) => bigint(name, { mode: 'number' });
const kop = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const businesses = pgTable(
  'businesses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ownerUserId: id('owner_user_id').notNull(),
    /** The secret in the webhook URL; shown again by /webhook, replaced by /rotate. */
    webhookToken: text('webhook_token').notNull(),
    /** sha256 of the token: the lookup key, so the lookup's timing says nothing of the token. */
    webhookTokenHash: text('webhook_token_hash').notNull(),
    /** Threshold a new cash desk starts with, in kopecks; 0 is off. */
    defaultLowCashKop: kop('default_low_cash_kop').notNull().default(0),
    defaultHighCashKop: kop('default_high_cash_kop').notNull().default(0),
    // The watchdog's thresholds (src/features/watchdog/watchdog.ts), owner-only like /lowcash; null is off.
    /** /returnalert: a return above this (kopecks) alerts. */
    returnAlertKop: kop('return_alert_kop'),
    /** /discountalert: a sale whose discounts are above this percent of its price before them alerts. */
    discountAlertPct: integer('discount_alert_pct'),
    /** /withdrawalert: a withdrawal (SERVICE_OUT) above this (kopecks) alerts; 0, the default: every one. */
    withdrawAlertKop: kop('withdraw_alert_kop').default(0),
    /** The business day whose returns passed 10 % of its sales was told (once a day). */
    returnShareAlertedOn: date('return_share_alerted_on', { mode: 'string' }),
    /** The shop's name as the owner gave it (/name), shown verbatim; null: "Магазин № <id>" (features/shops/shop-name.ts). */
    name: text('name'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('businesses_token_hash_key').on(t.webhookTokenHash), uniqueIndex('businesses_owner_key').on(t.ownerUserId)],
);

/** A Telegram chat the bot talks to: a private chat, a group or a supergroup. */
export const chats = pgTable(
  'chats',
  {
    chatId: id('chat_id').primaryKey(),
    businessId: id('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** A group's title, a person's name (and @username), as Telegram last told us. */
    title: text('title'),
    /** owner: the owner's own private chat; member: a colleague or a group let in by invite. */
    role: text('role').notNull(),
    lang: text('lang'),
    /** Sale alerts off (/mute); summaries and cash alerts still come. */
    muted: boolean('muted').notNull().default(false),
    /** Off when the bot was blocked, kicked or the chat is gone; nothing is sent then. */
    active: boolean('active').notNull().default(true),
    deactivatedReason: text('deactivated_reason'),
    /** Sale alerts below this total (kopecks) are not sent; null: every sale. */
    minSaleKop: kop('min_sale_kop'),
    /** Only returns are announced, not sales. */
    onlyReturns: boolean('only_returns').notNull().default(false),
    /** Only these cash desks (num_fiscal) are announced; null: all of them. */
    deskFilter: text('desk_filter').array(),
    /** Watchdog alert kinds switched off in this chat (src/features/watchdog/kinds.ts). */
    watchdogOff: text('watchdog_off')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Quiet hours, minutes of the day in BUSINESS_TZ: messages arrive silently from..to. */
    quietFrom: integer('quiet_from'),
    quietTo: integer('quiet_to'),
    /** 'HH:MM' in BUSINESS_TZ for this chat's daily summary; null: the business default cron. */
    summaryTime: text('summary_time'),
    /** Forum topic the chat was linked from: every message goes into it. */
    messageThreadId: bigint('message_thread_id', { mode: 'number' }),
    /**
     * Since when the chat refuses the bot's messages while keeping it (no right to send): its
     * messages wait and are retried, and the owner was told once at this moment. Cleared by the
     * next message that goes through.
     */
    sendRefusedAt: at('send_refused_at'),
    /** When the chat joined the business (again, after an invite): /members shows it. */
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('chats_business_idx').on(t.businessId)],
);

export const invites = pgTable('invites', {
  /** sha256 of the code: a leaked table gives no usable links. */
  codeHash: text('code_hash').primaryKey(),
  businessId: id('business_id')
    .notNull()
    .references(() => businesses.id, { onDelete: 'cascade' }),
  createdBy: id('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
  usedByChat: id('used_by_chat'),
});

export const cashDesks = pgTable(
  'cash_desks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: id('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    numFiscal: text('num_fiscal').notNull(),
    /** From the latest check by its own time (an offline check delivered late does not win). */
    cashInBoxKop: kop('cash_in_box_kop'),
    cashInBoxAt: at('cash_in_box_at'),
    /** Null: the business default. */
    lowCashKop: kop('low_cash_kop'),
    highCashKop: kop('high_cash_kop'),
    /** True while below the low threshold (alert sent); re-armed at or above it. */
    lowCashAlerted: boolean('low_cash_alerted').notNull().default(false),
    highCashAlerted: boolean('high_cash_alerted').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    /** When the owner was last told this desk's clock looks wrong (a check dated over a day ahead): at most once in 24 hours. */
    clockNoticeAt: at('clock_notice_at'),
    /** The business day a "drawer does not add up" alert was decided for (at most one a day). */
    drawerMismatchOn: date('drawer_mismatch_on', { mode: 'string' }),
    /** When the desk's current offline episode opened (its first late offline check arrived). */
    offlineEpisodeAt: at('offline_episode_at'),
    /**
     * Its place under the shop's cash desk limit (MAX_CASH_DESKS_PER_SHOP), set by ingest when it
     * creates the desk: 1 + the desks the shop had, unique per shop, so two batches that each
     * counted the same desks cannot both create one past the limit (the second one's insert
     * conflicts and it counts again). Null on desks made otherwise.
     */
    capSlot: integer('cap_slot'),
  },
  (t) => [
    uniqueIndex('cash_desks_business_fiscal_key').on(t.businessId, t.numFiscal),
    uniqueIndex('cash_desks_business_cap_slot_key').on(t.businessId, t.capSlot),
  ],
);

export const checks = pgTable(
  'checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: id('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    cashDeskId: id('cash_desk_id')
      .notNull()
      .references(() => cashDesks.id),
    uuid: text('uuid').notNull(),
    checkType: text('check_type'),
    kind: text('kind').notNull(),
    orderNum: text('order_num'),
    fiscalHash: text('fiscal_hash'),
    orderedAt: at('ordered_at').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    isOffline: boolean('is_offline').notNull().default(false),
    totalKop: kop('total_kop').notNull(),
    roundKop: kop('round_kop').notNull().default(0),
    discountKop: kop('discount_kop').notNull().default(0),
    cashKop: kop('cash_kop').notNull().default(0),
    cashlessKop: kop('cashless_kop').notNull().default(0),
    cashInBoxKop: kop('cash_in_box_kop'),
    link: text('link'),
    localNumber: bigint('local_number', { mode: 'number' }),
    hasPdf: boolean('has_pdf').notNull().default(false),
    raw: jsonb('raw').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('checks_business_uuid_key').on(t.businessId, t.uuid),
    index('checks_business_day_idx').on(t.businessId, t.businessDate, t.kind),
    // The Mini App's check list and search (src/features/sales/search.ts): newest first per business and
    // per cash desk (also each desk's last check), by exact total, by ORDERNUM prefix.
    index('checks_business_ordered_idx').on(t.businessId, t.orderedAt, t.id),
    index('checks_desk_ordered_idx').on(t.cashDeskId, t.orderedAt, t.id),
    index('checks_business_total_idx').on(t.businessId, t.totalKop, t.orderedAt, t.id),
    index('checks_business_order_num_idx').on(t.businessId, t.orderNum.op('text_pattern_ops')),
  ],
);

export const checkItems = pgTable(
  'check_items',
  {
    checkId: id('check_id')
      .notNull()
      .references(() => checks.id, { onDelete: 'cascade' }),
    /** Its check's business (checks.business_id), so a search by product reads only that shop's lines. */
    businessId: id('business_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    barCode: text('bar_code'),
    unitName: text('unit_name'),
    amountMilli: bigint('amount_milli', { mode: 'number' }).notNull(),
    priceKop: kop('price_kop').notNull(),
    costKop: kop('cost_kop').notNull(),
    discountKop: kop('discount_kop').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.checkId, t.position] }),
    // The Mini App's search by product name within a shop (business_id = … and name ILIKE '%…%'):
    // btree_gin and pg_trgm are created in the migrations.
    index('check_items_business_name_trgm_idx').using('gin', t.businessId, t.name.op('gin_trgm_ops')),
  ],
);

export const checkPayments = pgTable(
  'check_payments',
  {
    checkId: id('check_id')
      .notNull()
      .references(() => checks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: integer('code').notNull(),
    name: text('name'),
    sumKop: kop('sum_kop').notNull(),
    providedKop: kop('provided_kop'),
    remainsKop: kop('remains_kop'),
    isCash: boolean('is_cash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkId, t.position] })],
);

/**
 * PDFs apart from the hot rows: tens of KB each, read only by /receipt. Stored with STORAGE
 * EXTERNAL (migration 0004, hand-written: drizzle cannot say it): a PDF is compressed already.
 */
export const checkPdfs = pgTable('check_pdfs', {
  checkId: id('check_id')
    .primaryKey()
    .references(() => checks.id, { onDelete: 'cascade' }),
  pdf: bytea('pdf').notNull(),
  storedAt: at('stored_at').notNull().defaultNow(),
});

/**
 * Bodies we answered 400/422, kept for the owner to inspect: the first 64 KiB (cut at a UTF-8
 * character boundary), with the whole body's size and sha256; at most 200 per business per day
 * (rejected_payload_days counts the rest), deleted after 30 days by the nightly housekeeping.
 */
export const rejectedPayloads = pgTable(
  'rejected_payloads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: id('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    status: integer('status').notNull(),
    problems: jsonb('problems').notNull(),
    contentType: text('content_type'),
    body: bytea('body').notNull(),
    /** Size in bytes of the body as received (`body` may hold only its beginning); null on rows kept before sizes were. */
    bodySize: integer('body_size'),
    /** sha256 (hex) of the whole body as received. */
    bodySha256: text('body_sha256'),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [index('rejected_business_idx').on(t.businessId, t.receivedAt), index('rejected_received_idx').on(t.receivedAt)],
);

/**
 * Refused bodies of a business per UTC day: how many were kept and how many were only counted
 * (over the daily cap), and when the owner was last told (at most once an hour). Pruned with
 * the bodies after 30 days.
 */
export const rejectedPayloadDays = pgTable(
  'rejected_payload_days',
  {
    businessId: id('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    kept: integer('kept').notNull().default(0),
    dropped: integer('dropped').notNull().default(0),
    notifiedAt: at('notified_at'),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.day] })],
);

/**
 * Messages to send, written in the same transaction as what caused them; workers claim them
 * with FOR UPDATE SKIP LOCKED. `payload` is small: what to render, not the rendered text.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: id('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    chatId: id('chat_id').notNull(),
    kind: text('kind').notNull(),
    checkId: id('check_id'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** pending → done | dead | dropped (chat switched off) | merged (into a digest). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: at('run_after').notNull().defaultNow(),
    /**
     * A message written to go out later (a till's offline episode, once its late checks are in):
     * until then it does not hold the chat's queue (messages written after it go first); from
     * then on it takes its place by id.
     */
    notBefore: at('not_before'),
    leaseUntil: at('lease_until'),
    leasedBy: text('leased_by'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    /** When the event happened (check received): for webhook → Telegram latency. */
    eventAt: at('event_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.runAfter, t.id)
      .where(sql`status = 'pending'`),
    index('outbox_chat_pending_idx')
      .on(t.chatId, t.id)
      .where(sql`status = 'pending'`),
    /** A chat's waiting replies to people, which go before its alerts (platform/outbox/outbox.ts). */
    index('outbox_chat_replies_idx')
      .on(t.chatId, t.id)
      .where(sql`status = 'pending' and kind = 'reply'`),
    /** The nightly housekeeping finds finished rows to prune by this. */
    index('outbox_finished_idx')
      .on(t.finishedAt)
      .where(sql`status <> 'pending'`),
  ],
);

/** Per-chat claim: one worker at a time sends to a chat, so one chat's messages keep order. */
export const chatLeases = pgTable('chat_leases', {
  chatId: id('chat_id').primaryKey(),
  leasedBy: text('leased_by').notNull(),
  leaseUntil: at('lease_until').notNull(),
  /** Telegram asked us to wait (429) or the chat's own limit: nothing before this. */
  notBefore: at('not_before'),
});

/**
 * Shared send budgets that are not per chat (the bot's overall messages per second): one row per
 * bucket, read and advanced in one statement by every instance, so the limit holds across them.
 * `not_before` is the earliest moment the next message may go (GCRA state).
 */
export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  notBefore: at('not_before').notNull(),
});

/** Exactly-once scheduled work: a row per job and slot, claimed by whoever inserts it first. */
export const scheduleRuns = pgTable(
  'schedule_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: at('claimed_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

/**
 * The "cash desk went quiet" watch of one cash desk (src/features/watchdog/desk-watch.ts): its learned
 * profile (recomputed once a local day) and its open silence, if any. A silence is open while
 * `quiet_check_id` is set: the desk's last check when the silence was announced; the desk's
 * first newer check ends it ("selling again"). Both announcements claim the row with one
 * conditional UPDATE in the transaction that writes their outbox jobs.
 */
export const deskWatch = pgTable('desk_watch', {
  cashDeskId: id('cash_desk_id')
    .primaryKey()
    .references(() => cashDesks.id, { onDelete: 'cascade' }),
  businessId: id('business_id')
    .notNull()
    .references(() => businesses.id, { onDelete: 'cascade' }),
  /** The local date (BUSINESS_TZ) the profile was learned for, from the 28 dates before it. */
  profileDate: date('profile_date', { mode: 'string' }).notNull(),
  /** 168 limits in ms, (weekday − 1) × 24 + hour, null where the desk does not usually trade. */
  profile: jsonb('profile').notNull(),
  /** The desk's first check (its age: no alert in its first two weeks). */
  firstCheckAt: at('first_check_at'),
  /** The open silence: the last check when it was announced; null when none is open. */
  quietCheckId: id('quiet_check_id'),
  quietLastCheckAt: at('quiet_last_check_at'),
  quietAlertedAt: at('quiet_alerted_at'),
});
