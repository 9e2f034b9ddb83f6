import { describe, expect, it } from 'vitest';
import { renderWatchdogThreshold, type WatchdogThresholdView } from '../../../../src/features/watchdog/messages/watchdog-thresholds.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';

const TZ = 'Europe/Kyiv';
type Past = WatchdogThresholdView['past'][number];
const check = (patch: Partial<Past> = {}): Past => ({
  numFiscal: '50037129',
  orderNum: null,
  localNumber: 17,
  uuid: 'u-1',
  orderedAt: new Date('2026-07-01T09:05:00Z'),
  totalKop: -150_000,
  discountKop: 0,
  ...patch,
});

describe('renderWatchdogThreshold', () => {
  it('shown (not changed): the title in bold, the rule for returns, the checks past it, the usage', () => {
    const message = renderWatchdogThreshold({ which: 'returnKop', value: 100_000, past: [check()], changed: false, usage: '/returnalert <amount>|off' }, en, TZ);
    expect(message.text.startsWith('<b>Large-return threshold</b>: 1 000,00 ₴\n')).toBe(true);
    expect(message.plainText).toBe(
      [
        'Large-return threshold: 1 000,00 ₴',
        en.watchdog.shareRule,
        '',
        'Already past it today:',
        '12:05 · 50037129 · № 17 · 1 500,00 ₴',
        '',
        'Usage: /returnalert <amount>|off',
      ].join('\n'),
    );
  });

  it('a discount: the percent as set, each check with its discount and its share', () => {
    const past = [check({ orderNum: 'A-1', totalKop: 7_500, discountKop: -2_500 })];
    const message = renderWatchdogThreshold({ which: 'discountPct', value: 20, past, changed: true, usage: '' }, uk, TZ);
    expect(message.plainText.split('\n')[0]).toBe(uk.watchdog.set(uk.watchdog.discountTitle, '20 %'));
    expect(message.plainText).toContain('12:05 · 50037129 · № A-1 · 25,00 ₴ (25 %)');
    expect(message.plainText).not.toContain(uk.common.usage(''));
  });

  it('withdrawals: 0 is every withdrawal, an amount is money', () => {
    expect(renderWatchdogThreshold({ which: 'withdrawKop', value: 50_000, past: [], changed: true, usage: '' }, en, TZ).plainText).toBe(
      'Cash-withdrawal threshold: 500,00 ₴.\n\nNothing past it today yet.',
    );
    expect(renderWatchdogThreshold({ which: 'returnKop', value: 0, past: [], changed: true, usage: '' }, en, TZ).plainText.split('\n')[0]).toBe('Large-return threshold: 0,00 ₴.');
  });

  it('off: no list of checks at all', () => {
    const message = renderWatchdogThreshold({ which: 'returnKop', value: null, past: [check()], changed: true, usage: '' }, en, TZ);
    expect(message.plainText).toBe(`Large-return threshold: off.\n${en.watchdog.shareRule}`);
  });

  it('at most ten checks, the rest counted; the number falls back to the local number, then the uuid', () => {
    const past = Array.from({ length: 13 }, (_, i) => check({ orderNum: null, localNumber: null, uuid: `uuid-${i}` }));
    const lines = renderWatchdogThreshold({ which: 'withdrawKop', value: 0, past, changed: true, usage: '' }, en, TZ).plainText.split('\n');
    expect(lines.filter((l) => l.includes('№ uuid-'))).toHaveLength(10);
    expect(lines).toContain('12:05 · 50037129 · № uuid-9 · 1 500,00 ₴');
    expect(lines).not.toContain('12:05 · 50037129 · № uuid-10 · 1 500,00 ₴');
    expect(lines.at(-1)).toBe(en.watchdog.pastMore(3));
  });

  it("escapes and cuts the desk's and the check's numbers", () => {
    const message = renderWatchdogThreshold({ which: 'returnKop', value: 1, past: [check({ numFiscal: `<${'d'.repeat(70)}`, orderNum: '<b>&' })], changed: true, usage: '' }, en, TZ);
    expect(message.text).toContain(`&lt;${'d'.repeat(58)}… · № &lt;b&gt;&amp;`);
  });
});
