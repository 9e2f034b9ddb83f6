import { checkPayloadSchema, describeIssues, ORDER_DATE, ORDER_TIME, RANGES } from './payload.js';
import type { CheckKind } from '../../platform/db/check-kinds.js';
import { classifyCheck } from '../../platform/db/check-types.js';
import { parseMoneyToKopecks, parseQuantityToMilli, lineCostKop } from '../../platform/money/parse.js';
import { localToInstant, businessDateOf } from '../../platform/time/business-time.js';
import { toStorableJson } from './storable-json.js';
import { keptRaw } from './kept-raw.js';

interface NormalisedItem {
  position: number;
  name: string;
  code: string | null;
  barCode: string | null;
  unitName: string | null;
  amountMilli: number;
  priceKop: number;
  costKop: number;
  discountKop: number;
}

interface NormalisedPayment {
  position: number;
  /** 0 is cash, anything else cashless (CashDesk's page). */
  code: number;
  name: string | null;
  sumKop: number;
  providedKop: number | null;
  remainsKop: number | null;
  isCash: boolean;
}

export interface NormalisedCheck {
  uuid: string;
  numFiscal: string;
  checkType: string | null;
  kind: CheckKind;
  orderNum: string | null;
  fiscalHash: string | null;
  orderedAt: Date;
  businessDate: string;
  /**
   * Minutes from its business day's midnight by its own wall-clock time (ORDERTIME, so a DST day
   * changes nothing): 14:00 is 840; after midnight in a business day that began the day before
   * (BUSINESS_DAY_START), 1440 and more.
   */
  dayMinute: number;
  isOffline: boolean;
  totalKop: number;
  roundKop: number;
  discountKop: number;
  cashKop: number;
  cashlessKop: number;
  cashInBoxKop: number | null;
  link: string | null;
  localNumber: number | null;
  items: NormalisedItem[];
  payments: NormalisedPayment[];
  /**
   * The PDF when CashDesk sent a real one, as its base64 text (whitespace removed, padded): the
   * database decodes it, so it is never decoded, copied or encoded again in Node (pdfBase64Of).
   */
  pdfBase64: string | null;
  /** The payload as sent, without the PDF (kept apart) — unknown fields included, within MAX_RAW_BYTES (kept-raw.ts). */
  raw: Record<string, unknown>;
}

export type NormaliseResult = { ok: true; check: NormalisedCheck } | { ok: false; problems: string[] };

const money = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : parseMoneyToKopecks(v);

/** `2024-06-19` from either `2024-06-19` or `19.06.2024`. */
function isoDate(value: string): string {
  const m = ORDER_DATE.exec(value)!;
  return m[1] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[6]}-${m[5]}-${m[4]}`;
}

function isoTime(value: string): string {
  const m = ORDER_TIME.exec(value)!;
  return `${m[1]!.padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`;
}

/** A character base64 does not use (the text is checked with this, then for its padding). */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * A base64 PDF as canonical base64 text (whitespace removed, padding added), or null for
 * placeholders, empty strings and anything that is not base64 of a PDF. Only its first bytes
 * are decoded (the `%PDF-` header). Checked without one pattern over the whole 40 KB text
 * (`^[A-Za-z0-9+/]+={0,2}$` took 0.17 ms a check): a negated class and the place of the first `=`.
 */
export function pdfBase64Of(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value;
  if (NOT_BASE64.test(text)) {
    text = text.replace(/\s+/g, '');
    if (NOT_BASE64.test(text)) return null;
  }
  const pad = text.indexOf('=');
  const body = pad === -1 ? text.length : pad;
  if (body === 0 || body % 4 === 1) return null;
  if (pad !== -1 && (text.length - pad > 2 || (pad === text.length - 2 && text[text.length - 1] !== '='))) return null;
  if (Buffer.from(text.slice(0, 8), 'base64').subarray(0, 5).toString('latin1') !== '%PDF-') return null;
  // PostgreSQL's decode() wants exactly the padding that CashDesk may leave out.
  const padding = (4 - (body % 4)) % 4;
  return text.length === body + padding ? text : text.slice(0, body) + '='.repeat(padding);
}

/**
 * Parses a JSON object from CashDesk and turns it into the fields we store and report on, or
 * names every field that a check needs and lacks. The business day is that of the check's own
 * local time, with days starting `dayStart` minutes after midnight (BUSINESS_DAY_START). Pure.
 */
export function parseCheck(received: Record<string, unknown>, businessTz: string, dayStart = 0): NormaliseResult {
  const storable = toStorableJson(received);
  if (!storable.ok) return { ok: false, problems: [storable.problem] };
  const body = storable.value as Record<string, unknown>;
  const parsed = checkPayloadSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const payload = parsed.data;
  const date = isoDate(payload.ORDERDATE);
  const time = isoTime(payload.ORDERTIME);
  const orderedAt = localToInstant(date, time, businessTz);
  if (!orderedAt) return { ok: false, problems: ['ORDERDATE/ORDERTIME: not a real date and time'] };

  const data = payload.check_data;
  const products = data.products ?? [];
  const items: NormalisedItem[] = products.map((p, i) => {
    const amountMilli = p.amount == null ? 1000 : parseQuantityToMilli(p.amount)!;
    const priceKop = money(p.price) ?? 0;
    const discountKop = money(p.sum_discount) ?? 0;
    return {
      position: i,
      name: p.name ?? '',
      code: p.code ?? null,
      barCode: p.bar_code ?? null,
      unitName: p.unit_name ?? null,
      amountMilli,
      priceKop,
      costKop: money(p.cost) ?? lineCostKop(amountMilli, priceKop) - discountKop,
      discountKop,
    };
  });
  const payments: NormalisedPayment[] = (data.payments ?? []).map((p, i) => {
    const code = p.code ?? 0;
    return {
      position: i,
      code,
      name: p.name ?? null,
      sumKop: money(p.sum)!,
      providedKop: money(p.sum_provided),
      remainsKop: money(p.sum_remains),
      isCash: code === 0,
    };
  });
  const cashKop = payments.filter((p) => p.isCash).reduce((s, p) => s + p.sumKop, 0);
  const paidKop = payments.reduce((s, p) => s + p.sumKop, 0);
  const itemDiscounts = items.reduce((s, i) => s + i.discountKop, 0);
  const discountKop = (money(data.global_discount) ?? 0) + itemDiscounts;

  // Each field is in range (payload.ts); what the check computes from them must be too.
  const outOfRange = (kop: number) => Math.abs(kop) > RANGES.maxKop;
  const sumProblems: string[] = [];
  const costly = items.find((i) => outOfRange(i.costKop));
  if (costly) sumProblems.push(`check_data.products[${costly.position}].cost: amount × price out of range`);
  if (outOfRange(cashKop) || outOfRange(paidKop - cashKop)) sumProblems.push('check_data.payments: the payments add up out of range');
  if (outOfRange(discountKop)) sumProblems.push('check_data.products: the discounts add up out of range');
  if (sumProblems.length > 0) return { ok: false, problems: sumProblems };

  const pdfBase64 = pdfBase64Of(payload.pdf);
  const businessDate = businessDateOf(orderedAt, businessTz, dayStart);
  // A real PDF is kept apart; a `pdf` that is not one (no %PDF- header) is stored as no PDF, and
  // stays in the raw payload only as any field we do not use: within MAX_RAW_BYTES (kept-raw.ts).
  const rest: Record<string, unknown> = { ...body };
  if (pdfBase64) delete rest.pdf;
  const raw = keptRaw(rest);

  return {
    ok: true,
    check: {
      uuid: payload.uuid,
      numFiscal: payload.num_fiscal,
      checkType: payload.check_type ?? null,
      kind: classifyCheck(payload.check_type, items.length),
      orderNum: payload.ORDERNUM ?? null,
      fiscalHash: payload.hash ?? null,
      orderedAt,
      businessDate,
      dayMinute: Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + (businessDate === date ? 0 : 24 * 60),
      isOffline: payload.is_offline ?? false,
      totalKop: money(data.total_sum)!,
      roundKop: money(data.round_sum) ?? 0,
      discountKop,
      cashKop,
      cashlessKop: paidKop - cashKop,
      cashInBoxKop: money(payload.cash_in_box),
      link: payload.link ?? null,
      localNumber: payload.local_number ?? data.local_number ?? null,
      items,
      payments,
      pdfBase64,
      raw,
    },
  };
}
