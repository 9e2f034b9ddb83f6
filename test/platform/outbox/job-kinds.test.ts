import { describe, expect, it } from 'vitest';
import type { AnyJob, JobKind, NewJob } from '../../../src/platform/outbox/job-kinds.js';
import { readJob, type JobRegistry } from '../../../src/platform/outbox/job-renderer.js';
import type { OutboxJob } from '../../../src/platform/outbox/outbox.js';
import { replyJobDefinitions } from '../../../src/platform/outbox/reply-job.js';
import { jobDefinitions } from '../../../src/service.js';
import { salesJobDefinitions } from '../../../src/features/sales/jobs.js';
import { watchdogJobDefinitions } from '../../../src/features/watchdog/jobs.js';
import { reportsJobDefinitions } from '../../../src/features/reports/jobs.js';
import { exportsJobDefinitions } from '../../../src/features/exports/jobs.js';
import { shopsJobDefinitions } from '../../../src/features/shops/jobs.js';

/**
 * The job contract: each kind is declared by its feature (JobKinds, by declaration merging) and
 * defined there (schema and renderer); the service's registry holds them all. Each kind's stored
 * row (kind, check id, payload, as the outbox keeps them) reads back as what its producer wrote,
 * and rows that do not fit their kind do not read. `tsc --noEmit` checks the type-level part.
 */

const meta = { id: 1, businessId: 2, chatId: 3, attempts: 0, createdAt: new Date(0), eventAt: new Date(0) };

/** As the outbox stores and reads it back: check id and payload columns, JSON through the database. */
function stored(job: AnyJob): OutboxJob {
  const row = JSON.parse(JSON.stringify({ checkId: null, payload: {}, ...job })) as { kind: string; checkId: number | null; payload: Record<string, unknown> };
  return { ...meta, ...row };
}

describe('the job contract', () => {
  const png = Buffer.from('png').toString('base64');
  it.each<AnyJob>([
    { kind: 'sale', checkId: 7 },
    { kind: 'low_cash', checkId: 7, payload: { cashDeskId: 3, cashKop: -500 } },
    { kind: 'high_cash', checkId: null, payload: { cashDeskId: 3, cashKop: 1_000_000 } },
    { kind: 'daily_summary', payload: { date: '2026-11-30' } },
    { kind: 'weekly_digest', payload: { from: '2026-11-23', to: '2026-11-29' } },
    { kind: 'receipt_pdf', checkId: 7 },
    { kind: 'notice', payload: { key: 'undelivered', args: { count: 3, since: '2026-03-01T10:00:00.000Z' } } },
    { kind: 'notice', payload: { key: 'topic_closed', args: {} } },
    { kind: 'notice', payload: { key: 'chat_refuses', args: { title: 'Shop group' } } },
    { kind: 'reply', payload: { text: '<b>x</b>', plainText: 'x', attachment: { type: 'photo', filename: 'a.png', base64: png } } },
    { kind: 'export', payload: { from: '2026-11-01', to: '2026-11-30', format: 'xlsx', lang: 'en' } },
    { kind: 'test_alert', checkId: null, payload: { at: '2026-03-01T10:00:00.000Z' } },
    { kind: 'till_offline', checkId: null, payload: { cashDeskId: 3, from: '2026-03-01T10:00:00.000Z', until: '2026-03-01T11:00:00.000Z' } },
  ])('$kind reads back as written', (job) => {
    expect(readJob(jobDefinitions, stored(job))).toEqual({ ok: true, job: { ...meta, ...job } });
  });

  it.each([
    ['an unknown kind', { kind: 'mystery', checkId: null, payload: {} }, 'unknown kind'],
    ['a kind named after an Object property', { kind: 'constructor', checkId: null, payload: {} }, 'unknown kind'],
    ['a sale without its check', { kind: 'sale', checkId: null, payload: {} }, 'checkId: '],
    ['a cash alert without its drawer', { kind: 'low_cash', checkId: 1, payload: { cashKop: 5 } }, 'payload.cashDeskId: '],
    ['a summary of no date', { kind: 'daily_summary', checkId: null, payload: { date: 'yesterday' } }, 'payload.date: '],
    ['a week that ends before it starts', { kind: 'weekly_digest', checkId: null, payload: { from: '2026-11-29', to: '2026-11-23' } }, 'payload.to: '],
    ['a notice the renderer does not know', { kind: 'notice', checkId: null, payload: { key: 'nope', args: {} } }, 'payload.key: '],
    ['an export in an unknown format', { kind: 'export', checkId: null, payload: { from: '2026-11-01', to: '2026-11-30', format: 'pdf' } }, 'payload.format: '],
    ['a test alert with a check', { kind: 'test_alert', checkId: 5, payload: { at: '2026-03-01T10:00:00.000Z' } }, 'checkId: '],
  ])('refuses %s, saying where', (_, row, problem) => {
    const read = readJob(jobDefinitions, { ...meta, ...row });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatch(new RegExp(`^${problem.replace(/[.]/g, '\\.')}`));
  });

  it('the registry holds every kind, each from its feature (the outbox knows only its own reply)', () => {
    expect(Object.keys(jobDefinitions).sort()).toEqual(
      [
        'sale', 'receipt_pdf', 'test_alert',
        'low_cash', 'high_cash', 'large_return', 'large_discount', 'service_out', 'drawer_mismatch', 'till_offline', 'desk_quiet', 'desk_selling_again',
        'daily_summary', 'weekly_digest',
        'export',
        'notice',
        'reply',
      ].sort(),
    );
    // Only the sale alert merges into a digest.
    expect(Object.entries(jobDefinitions).filter(([, d]) => 'renderDigest' in d && d.renderDigest).map(([k]) => k)).toEqual(['sale']);
  });
});

describe('the job contract, as types (tsc --noEmit)', () => {
  it('does not compile a registry that misses a kind, nor a job that does not fit its kind', () => {
    // @ts-expect-error -- 'notice' has no definition
    const missing: JobRegistry = { ...salesJobDefinitions, ...watchdogJobDefinitions, ...reportsJobDefinitions, ...exportsJobDefinitions, ...replyJobDefinitions };
    // @ts-expect-error -- the sale's renderer for the notice
    const swapped: JobRegistry = { ...salesJobDefinitions, ...watchdogJobDefinitions, ...reportsJobDefinitions, ...exportsJobDefinitions, ...replyJobDefinitions, notice: salesJobDefinitions.sale };
    const complete: JobRegistry = { ...salesJobDefinitions, ...watchdogJobDefinitions, ...reportsJobDefinitions, ...exportsJobDefinitions, ...replyJobDefinitions, ...shopsJobDefinitions };
    const target = { businessId: 1, chatId: 2 };
    const jobs: NewJob[] = [
      { ...target, kind: 'sale', checkId: 1 },
      // @ts-expect-error -- a sale names its check
      { ...target, kind: 'sale' },
      // @ts-expect-error -- a notice's payload is one of its keys
      { ...target, kind: 'notice', payload: { key: 'nope', args: {} } },
      // @ts-expect-error -- no such kind
      { ...target, kind: 'mystery', payload: {} },
    ];
    const kind: JobKind = 'desk_quiet';
    expect([missing, swapped, complete].map((r) => Object.keys(r).length)).toEqual([16, 17, 17]);
    expect(jobs).toHaveLength(4);
    expect(kind in complete).toBe(true);
  });
});
