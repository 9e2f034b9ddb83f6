import { describe, expect, it } from 'vitest';
import { startMinuteLook } from '../../../src/platform/schedules/minute-look.js';

const EVERY_SECOND = '* * * * * *';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startMinuteLook', () => {
  it('looks once at start, ready when that look is done', async () => {
    let looks = 0;
    let finished = 0;
    const look = startMinuteLook({
      name: 'test-start',
      tz: 'UTC',
      tickCron: '0 0 1 1 *',
      look: async () => {
        looks += 1;
        await sleep(20);
        finished += 1;
      },
    });
    expect(looks).toBe(0);
    await look.ready;
    expect([looks, finished]).toEqual([1, 1]);
    await look.stop();
    expect(looks).toBe(1);
  });

  it('looks again at each tick, never two looks at once, and not after stop', async () => {
    let running = 0;
    let most = 0;
    let looks = 0;
    const look = startMinuteLook({
      name: 'test-ticks',
      tz: 'Europe/Kyiv',
      tickCron: EVERY_SECOND,
      look: async () => {
        looks += 1;
        running += 1;
        most = Math.max(most, running);
        await sleep(1_300);
        running -= 1;
      },
    });
    await look.ready;
    await sleep(2_000);
    await look.stop();
    expect(looks).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(running).toBe(0);
    const after = looks;
    await sleep(1_200);
    expect(looks).toBe(after);
  });

  it('stop waits for a look under way to end', async () => {
    let began = false;
    let ended = false;
    const look = startMinuteLook({
      name: 'test-stop',
      tz: 'UTC',
      tickCron: '0 0 1 1 *',
      look: async () => {
        began = true;
        await sleep(100);
        ended = true;
      },
    });
    while (!began) await sleep(5);
    expect(ended).toBe(false);
    await look.stop();
    expect(ended).toBe(true);
  });

  it('a look not yet begun when stopped never begins', async () => {
    let looks = 0;
    const look = startMinuteLook({ name: 'test-never', tz: 'UTC', tickCron: '0 0 1 1 *', look: async () => void (looks += 1) });
    await look.stop();
    await look.ready;
    expect(looks).toBe(0);
  });
});
