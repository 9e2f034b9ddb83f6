import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { preparedStatement } from '../../platform/db/rows.js';
import type { NormalisedCheck } from './normalise.js';
import { PDF_SLOTS } from './pdf-chunks.js';
import { decodeStoredRow, type Stored, type StoredRow } from './stored-rows.js';

/** One check for the store statement: `ord` its place in the batch, `tokenHash` as IngestEntry's. */
export interface StoreEntry {
  ord: number;
  business: { id: number };
  check: NormalisedCheck;
  receivedAt: Date;
  tokenHash?: string;
}

/** storeChecks' statement: `input` the checks as jsonb, `pdf1`…`pdf64` their PDFs' base64 text. */
const STORE_CHECKS = preparedStatement<Record<string, string | null>>(
  'ingest_store',
  sql`with given as (
          select x.* from jsonb_to_recordset(${sql.placeholder('input')}::jsonb) as x("ord" integer, "businessId" bigint, "tokenHash" text, "numFiscal" text, "uuid" text,
                 "checkType" text, "kind" text, "orderNum" text, "fiscalHash" text, "orderedAt" timestamptz, "businessDate" date,
                 "isOffline" boolean, "totalKop" bigint, "roundKop" bigint, "discountKop" bigint, "cashKop" bigint, "cashlessKop" bigint,
                 "cashInBoxKop" bigint, "link" text, "localNumber" bigint, "receivedAt" timestamptz,
                 "items" jsonb, "payments" jsonb, "pdfSlot" integer, "raw" jsonb)
        ), input as (
          select g.* from given g
           where g."tokenHash" is null or exists (select 1 from businesses b where b.id = g."businessId" and b.webhook_token_hash = g."tokenHash")
        ), pdfs (slot, base64) as (
          values ${sql.join(
            Array.from({ length: PDF_SLOTS }, (_, k) => sql`(${sql.raw(String(k + 1))}, ${sql.placeholder(`pdf${k + 1}`)}::text)`),
            sql`, `,
          )}
        ), keys as (
          select distinct "businessId" as business_id, "numFiscal" as num_fiscal from input
        ), desk_found as (
          select d.id, d.business_id, d.num_fiscal, d.offline_episode_at from cash_desks d join keys k using (business_id, num_fiscal)
        ), keys_new as (
          select k.business_id, k.num_fiscal,
                 row_number() over (partition by k.business_id order by k.num_fiscal)
                   + (select count(*) from cash_desks d where d.business_id = k.business_id) as nth
            from keys k
           where not exists (select 1 from desk_found f where f.business_id = k.business_id and f.num_fiscal = k.num_fiscal)
        ), over_cap as (
          select business_id, num_fiscal from keys_new where nth > ${sql.placeholder('maxDesks')}::bigint
        ), desk_new as (
          insert into cash_desks (business_id, num_fiscal, cap_slot)
          select k.business_id, k.num_fiscal, k.nth from keys_new k
           where k.nth <= ${sql.placeholder('maxDesks')}::bigint
           order by k.business_id, k.num_fiscal
          on conflict do nothing
          returning id, business_id, num_fiscal, low_cash_kop, high_cash_kop
        ), desk as (
          select id, business_id, num_fiscal from desk_found union all select id, business_id, num_fiscal from desk_new
        ), ins as (
          insert into checks (business_id, cash_desk_id, uuid, check_type, kind, order_num, fiscal_hash, ordered_at,
                              business_date, is_offline, total_kop, round_kop, discount_kop, cash_kop, cashless_kop,
                              cash_in_box_kop, link, local_number, has_pdf, raw, received_at)
          select i."businessId", desk.id, i."uuid", i."checkType", i."kind", i."orderNum", i."fiscalHash", i."orderedAt",
                 i."businessDate", i."isOffline", i."totalKop", i."roundKop", i."discountKop", i."cashKop", i."cashlessKop",
                 i."cashInBoxKop", i."link", i."localNumber", i."pdfSlot" is not null, i."raw", i."receivedAt"
            from input i join desk on desk.business_id = i."businessId" and desk.num_fiscal = i."numFiscal"
           order by i."ord"
          on conflict (business_id, uuid) do nothing
          returning id, business_id, uuid, cash_desk_id
        ), new_checks as (
          select ins.id, ins.cash_desk_id, i.* from ins join input i on i."businessId" = ins.business_id and i."uuid" = ins.uuid
        ), item_rows as (
          insert into check_items (check_id, business_id, position, name, code, bar_code, unit_name, amount_milli, price_kop, cost_kop, discount_kop)
          select n.id, n."businessId", x."position", x."name", x."code", x."barCode", x."unitName", x."amountMilli", x."priceKop", x."costKop", x."discountKop"
            from new_checks n, jsonb_to_recordset(n."items") as x("position" integer, "name" text, "code" text, "barCode" text,
                 "unitName" text, "amountMilli" bigint, "priceKop" bigint, "costKop" bigint, "discountKop" bigint)
        ), payment_rows as (
          insert into check_payments (check_id, position, code, name, sum_kop, provided_kop, remains_kop, is_cash)
          select n.id, x."position", x."code", x."name", x."sumKop", x."providedKop", x."remainsKop", x."isCash"
            from new_checks n, jsonb_to_recordset(n."payments") as x("position" integer, "code" integer, "name" text,
                 "sumKop" bigint, "providedKop" bigint, "remainsKop" bigint, "isCash" boolean)
        ), pdf_row as (
          insert into check_pdfs (check_id, pdf)
          select n.id, decode(p.base64, 'base64') from new_checks n join pdfs p on p.slot = n."pdfSlot"
        ), drawer_found as (
          select d.id, d.cash_in_box_kop, d.cash_in_box_at, d.low_cash_alerted, d.high_cash_alerted,
                 coalesce(d.low_cash_kop, b.default_low_cash_kop) as low, coalesce(d.high_cash_kop, b.default_high_cash_kop) as high,
                 d.drawer_mismatch_on::text as mismatch_on
            from cash_desks d join businesses b on b.id = d.business_id
           where d.id in (select n.cash_desk_id from new_checks n where n."cashInBoxKop" is not null)
           order by d.id
             for no key update of d
        ), drawer_new as (
          select n.id, null::bigint as cash_in_box_kop, null::timestamptz as cash_in_box_at, false as low_cash_alerted, false as high_cash_alerted,
                 coalesce(n.low_cash_kop, b.default_low_cash_kop) as low, coalesce(n.high_cash_kop, b.default_high_cash_kop) as high,
                 null::text as mismatch_on
            from desk_new n join businesses b on b.id = n.business_id
        )
        select (select coalesce(jsonb_agg(jsonb_build_object('ord', i."ord", 'checkId', n.id, 'deskId', n.cash_desk_id,
                                                             'existingId', (select c.id from checks c where c.business_id = i."businessId" and c.uuid = i."uuid"),
                                                             'revoked', not exists (select 1 from input v where v."ord" = i."ord"),
                                                             'overCap', exists (select 1 from over_cap o where o.business_id = i."businessId" and o.num_fiscal = i."numFiscal"),
                                                             'episodeAt', case when not n."isOffline" then (select f.offline_episode_at from desk_found f where f.id = n.cash_desk_id) end)), '[]'::jsonb)
                  from given i left join new_checks n on n."ord" = i."ord") as checks,
               (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'cashKop', d.cash_in_box_kop, 'cashAt', d.cash_in_box_at,
                                                             'lowAlerted', d.low_cash_alerted, 'highAlerted', d.high_cash_alerted,
                                                             'lowKop', d.low, 'highKop', d.high, 'mismatchOn', d.mismatch_on)), '[]'::jsonb)
                  from (select * from drawer_found union all
                        select * from drawer_new where id in (select n.cash_desk_id from new_checks n where n."cashInBoxKop" is not null)) d) as desks,
               (select coalesce(jsonb_agg(jsonb_build_object('businessId', c.business_id, 'chatId', c.chat_id, 'muted', c.muted,
                                                             'minSaleKop', c.min_sale_kop, 'onlyReturns', c.only_returns,
                                                             'deskFilter', c.desk_filter, 'watchdogOff', c.watchdog_off) order by c.chat_id), '[]'::jsonb)
                  from chats c
                 where c.active and c.business_id in (select n."businessId" from new_checks n)) as recipients,
               (select coalesce(jsonb_agg(jsonb_build_object('businessId', b.id, 'returnKop', b.return_alert_kop,
                                                             'discountPct', b.discount_alert_pct, 'withdrawKop', b.withdraw_alert_kop)), '[]'::jsonb)
                  from businesses b where b.id in (select n."businessId" from new_checks n)) as thresholds`,
);

/**
 * ONE statement (data-modifying CTEs) for any number of checks, all passed as one jsonb
 * parameter (so a 10 000-line check needs no chunks under the protocol's 65 535 parameters):
 * finds or creates their cash desks (taking no lock), up to `maxDesks` per business: a new desk
 * takes the next place under the limit (cash_desks.cap_slot, unique per business), so when a
 * concurrent transaction took the same place, the insert waits for it and then skips the desk,
 * and its checks come back with neither a new nor an existing row, for the caller to store once
 * more (it then counts the rival's desks); inserts each check unless its uuid is
 * known in the business, its items, payments and PDF; reads the active chats of the businesses
 * with a new check, and locks and reads the drawer of every desk for which a new check carries
 * a figure, in id order (two batches locking the same desks never wait on each other in a
 * circle). The strings are storable in jsonb (parseCheck's toStorableJson), so items and
 * payments go through it unchanged. Each PDF goes as its own text parameter, the base64 text
 * CashDesk sent (4/3 of its size; a bytea parameter goes in hex, twice its size), which the
 * database decodes: inside the jsonb it was serialised, copied into one string of megabytes,
 * encoded and parsed again, a third of Node's time per check (README "Performance"). The
 * statement has PDF_SLOTS of them, so its text never varies; more checks with a PDF than that
 * take more than one statement (pdf-chunks.ts).
 */
export async function storeChecks(tx: Executor, batch: readonly StoreEntry[], maxDesks: number): Promise<Stored> {
  // Built by hand: one string for the whole batch, the raw payload serialised once.
  const values: Record<string, string | null> = {};
  for (let slot = 1; slot <= PDF_SLOTS; slot++) values[`pdf${slot}`] = null;
  values.maxDesks = String(maxDesks);
  let slots = 0;
  const parts = batch.map(({ ord, business, check: c, receivedAt, tokenHash }) => {
    let pdfSlot: number | null = null;
    if (c.pdfBase64 !== null) {
      if (slots === PDF_SLOTS) throw new Error(`more than ${PDF_SLOTS} PDFs in one statement`);
      pdfSlot = ++slots;
      values[`pdf${pdfSlot}`] = c.pdfBase64;
    }
    return JSON.stringify({
      ord,
      businessId: business.id,
      tokenHash: tokenHash ?? null,
      numFiscal: c.numFiscal,
      uuid: c.uuid,
      checkType: c.checkType,
      kind: c.kind,
      orderNum: c.orderNum,
      fiscalHash: c.fiscalHash,
      orderedAt: c.orderedAt.toISOString(),
      businessDate: c.businessDate,
      isOffline: c.isOffline,
      totalKop: c.totalKop,
      roundKop: c.roundKop,
      discountKop: c.discountKop,
      cashKop: c.cashKop,
      cashlessKop: c.cashlessKop,
      cashInBoxKop: c.cashInBoxKop,
      link: c.link,
      localNumber: c.localNumber,
      receivedAt: receivedAt.toISOString(),
      items: c.items.length > 0 ? c.items : null,
      payments: c.payments.length > 0 ? c.payments : null,
      pdfSlot,
      raw: c.raw,
    });
  });
  values.input = `[${parts.join(',')}]`;
  const [row] = await STORE_CHECKS.rows<StoredRow>(tx, values);
  return decodeStoredRow(row);
}
