import { describe, expect, it } from 'vitest';
import { planNext, type CoalescePolicy } from '../../../src/platform/outbox/coalesce.js';
import type { JobKind } from '../../../src/platform/outbox/job-kinds.js';
import type { OutboxJob } from '../../../src/platform/outbox/outbox.js';

let nextId = 1;
function job(kind: JobKind, eventAt: number): OutboxJob {
  const id = nextId++;
  return { id, businessId: 1, chatId: -100, kind, checkId: id, payload: {}, attempts: 0, createdAt: new Date(eventAt), eventAt: new Date(eventAt) };
}

const policy: CoalescePolicy = { lagBudgetMs: 30_000, maxDigest: 50 };
const GROUP_INTERVAL = 3_333;
// As the service's registry has it: only sale alerts merge into a digest.
const isSale = (kind: string) => kind === 'sale';

describe('planNext', () => {
  it('sends a lone alert as it is', () => {
    const j = job('sale', 0);
    expect(planNext([j], 1000, GROUP_INTERVAL, policy, isSale)).toEqual({ kind: 'single', job: j });
  });

  it('sends one by one while the chat keeps up', () => {
    const jobs = [job('sale', 0), job('sale', 500), job('sale', 900)];
    expect(planNext(jobs, 1000, GROUP_INTERVAL, policy, isSale)).toEqual({ kind: 'single', job: jobs[0] });
  });

  it('merges the waiting sales into a digest when one by one would leave some over the lag budget', () => {
    const jobs = Array.from({ length: 12 }, (_, i) => job('sale', i * 100));
    const plan = planNext(jobs, 2000, GROUP_INTERVAL, policy, isSale);
    expect(plan).toEqual({ kind: 'digest', jobs });
    // The same queue into a private chat (1 s apart) still keeps up.
    expect(planNext(jobs, 2000, 1000, policy, isSale).kind).toBe('single');
  });

  it('merges when the head has already waited too long', () => {
    const jobs = [job('sale', 0), job('sale', 1)];
    expect(planNext(jobs, 31_000, 1000, policy, isSale).kind).toBe('digest');
  });

  it('merges only the sales before the first other message, so the order holds', () => {
    const sales = Array.from({ length: 5 }, (_, i) => job('sale', i));
    const cash = job('low_cash', 6);
    const after = job('sale', 7);
    const plan = planNext([...sales, cash, after], 60_000, GROUP_INTERVAL, policy, isSale);
    expect(plan).toEqual({ kind: 'digest', jobs: sales });
    expect(planNext([cash, after], 60_000, GROUP_INTERVAL, policy, isSale)).toEqual({ kind: 'single', job: cash });
  });

  it('puts at most maxDigest alerts in one digest', () => {
    const jobs = Array.from({ length: 80 }, (_, i) => job('sale', i));
    const plan = planNext(jobs, 60_000, GROUP_INTERVAL, { ...policy, maxDigest: 50 }, isSale);
    expect(plan.kind === 'digest' && plan.jobs).toEqual(jobs.slice(0, 50));
  });

  it('merges only a run of the head\'s kind, and only a kind that coalesces', () => {
    const late = (kind: string, i: number) => ({ ...job('sale', i), kind });
    const both = (kind: string) => kind === 'sale' || kind === 'tally';
    const tallies = [late('tally', 0), late('tally', 1), late('tally', 2)];
    const mixed = [...tallies, late('sale', 3), late('sale', 4)];
    expect(planNext(mixed, 60_000, GROUP_INTERVAL, policy, both)).toEqual({ kind: 'digest', jobs: tallies });
    expect(planNext(mixed, 60_000, GROUP_INTERVAL, policy, isSale)).toEqual({ kind: 'single', job: tallies[0] });
  });
});
