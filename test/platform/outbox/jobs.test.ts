import { describe, expect, it } from 'vitest';
import { jobSchema, type Job } from '../../../src/platform/outbox/jobs.js';

/**
 * The one job contract: each kind's stored row (kind, check id, payload, as the outbox keeps
 * them) reads back as what its producer wrote, and rows that do not fit their kind do not read.
 */
describe('the job contract', () => {
  const png = Buffer.from('png').toString('base64');
  it.each<Job>([
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
  ])('$kind reads back as written', (job) => {
    const stored = JSON.parse(JSON.stringify({ checkId: null, payload: {}, ...job })) as unknown;
    expect(jobSchema.parse(stored)).toEqual(job);
  });

  it.each([
    ['an unknown kind', { kind: 'mystery', checkId: null, payload: {} }],
    ['a sale without its check', { kind: 'sale', checkId: null, payload: {} }],
    ['a cash alert without its drawer', { kind: 'low_cash', checkId: 1, payload: { cashKop: 5 } }],
    ['a summary of no date', { kind: 'daily_summary', checkId: null, payload: { date: 'yesterday' } }],
    ['a week that ends before it starts', { kind: 'weekly_digest', checkId: null, payload: { from: '2026-11-29', to: '2026-11-23' } }],
    ['a notice the renderer does not know', { kind: 'notice', checkId: null, payload: { key: 'nope', args: {} } }],
    ['an export in an unknown format', { kind: 'export', checkId: null, payload: { from: '2026-11-01', to: '2026-11-30', format: 'pdf' } }],
  ])('refuses %s', (_, row) => {
    expect(jobSchema.safeParse(row).success).toBe(false);
  });
});
