import { describe, expect, it } from 'vitest';
import { desksPast, renderDeskNotFound, renderThresholds, renderThresholdSet, type ThresholdsView } from '../../../../src/features/watchdog/messages/thresholds.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { TEXT_LIMIT } from '../../../../src/platform/telegram/limits.js';
import { parseHtml } from '../../../support/fake-telegram.js';

describe('thresholds listing', () => {
  it('shows the default and each desk, own or default, with its drawer', () => {
    const text = renderThresholds(
      { kind: 'low', defaultKop: 50000, desks: [{ numFiscal: 'A', ownKop: null, cashInBoxKop: 100 }, { numFiscal: 'B', ownKop: 0, cashInBoxKop: null }] },
      uk,
      uk.commands.lowcash.usage,
    ).plainText;
    expect(text).toContain('Для всіх кас: 500,00 ₴');
    expect(text).toContain('A: 500,00 ₴ (як для всіх) · зараз 1,00 ₴');
    expect(text).toContain('B: вимкнено');
    expect(text).toContain('Використання: /lowcash');
  });
});

describe('renderThresholds', () => {
  it('the too-much-cash listing in English: title, default off, an own threshold, no drawer yet', () => {
    const message = renderThresholds(
      { kind: 'high', defaultKop: 0, desks: [{ numFiscal: '50037129', ownKop: 1_500_000, cashInBoxKop: null }, { numFiscal: '50037130', ownKop: null, cashInBoxKop: 250_000 }] },
      en,
      '/highcash <amount>',
    );
    expect(parseHtml(message.text).text).toBe(
      'Too-much-cash threshold\nAll cash desks: off\n\n50037129: 15 000,00 ₴\n50037130: off (as for all) · now 2 500,00 ₴\n\nUsage: /highcash <amount>',
    );
  });

  it('no cash desks yet says so', () => {
    expect(renderThresholds({ kind: 'low', defaultKop: 10_000, desks: [] }, en, '/lowcash').plainText).toContain(en.thresholds.noDesks);
  });

  it("escapes a desk's fiscal number and cuts it to 60 characters", () => {
    const message = renderThresholds({ kind: 'low', defaultKop: 0, desks: [{ numFiscal: `<b>${'9'.repeat(100)}`, ownKop: 0, cashInBoxKop: null }] }, en, '/lowcash');
    expect(message.text).toContain('&lt;b&gt;');
    expect(parseHtml(message.text).text).toContain(`<b>${'9'.repeat(56)}…: off`);
  });

  it('a thousand cash desks fit in one message, the rest counted', () => {
    const desks = Array.from({ length: 1000 }, (_, i) => ({ numFiscal: `5003${String(i).padStart(4, '0')}`, ownKop: null, cashInBoxKop: 123_456 }));
    const text = parseHtml(renderThresholds({ kind: 'low', defaultKop: 10_000, desks }, uk, '/lowcash').text).text;
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    const kept = text.split('\n').filter((line) => line.startsWith('5003')).length;
    expect(kept).toBeGreaterThan(50);
    expect(kept).toBeLessThan(1000);
    expect(text).toContain(`\n${uk.sale.more(1000 - kept)}\n`);
    expect(text.endsWith('Використання: /lowcash')).toBe(true);
  });
});

describe('desksPast', () => {
  const desks: ThresholdsView['desks'] = [
    { numFiscal: 'below', ownKop: null, cashInBoxKop: 9_999 },
    { numFiscal: 'at', ownKop: null, cashInBoxKop: 10_000 },
    { numFiscal: 'above', ownKop: null, cashInBoxKop: 10_001 },
    { numFiscal: 'unknown', ownKop: null, cashInBoxKop: null },
    { numFiscal: 'own-off', ownKop: 0, cashInBoxKop: 1 },
    { numFiscal: 'own-high', ownKop: 50_000, cashInBoxKop: 40_000 },
  ];

  it('low: strictly below the threshold in force; an unknown drawer or a threshold off is never past', () => {
    expect(desksPast({ kind: 'low', defaultKop: 10_000, desks }).map((d) => d.numFiscal)).toEqual(['below', 'own-high']);
  });

  it('high: strictly above', () => {
    expect(desksPast({ kind: 'high', defaultKop: 10_000, desks }).map((d) => d.numFiscal)).toEqual(['above']);
  });

  it('a default that is off leaves only the desks with their own threshold', () => {
    expect(desksPast({ kind: 'low', defaultKop: 0, desks }).map((d) => d.numFiscal)).toEqual(['own-high']);
  });
});

describe('renderThresholdSet', () => {
  const now: ThresholdsView = {
    kind: 'low',
    defaultKop: 10_000,
    desks: [
      { numFiscal: 'A', ownKop: null, cashInBoxKop: 5_000 },
      { numFiscal: 'B', ownKop: null, cashInBoxKop: 20_000 },
    ],
  };

  it('says what was set, for all desks or one', () => {
    expect(renderThresholdSet('low', undefined, 10_000, en).plainText).toBe('Low-cash threshold for all cash desks: 100,00 ₴.');
    expect(renderThresholdSet('high', 'B', 0, en).plainText).toBe('Too-much-cash threshold for cash desk B: off.');
  });

  it('names the desks already past it, only the one set when it is one', () => {
    expect(renderThresholdSet('low', undefined, 10_000, en, now).plainText).toBe('Low-cash threshold for all cash desks: 100,00 ₴.\n\nAlready below it:\nA: 50,00 ₴');
    expect(renderThresholdSet('low', 'B', 10_000, en, now).plainText).toBe('Low-cash threshold for cash desk B: 100,00 ₴.');
    expect(renderThresholdSet('low', 'A', 10_000, en, now).plainText).toContain('A: 50,00 ₴');
  });

  it('turning it off names none', () => {
    expect(renderThresholdSet('low', undefined, 0, en, { ...now, defaultKop: 0, desks: [{ numFiscal: 'A', ownKop: 100_000, cashInBoxKop: 5 }] }).plainText).toBe(
      'Low-cash threshold for all cash desks: off.',
    );
  });

  it('escapes the desk named', () => {
    expect(renderThresholdSet('low', '<i>', 100, en).text).toContain('cash desk &lt;i&gt;');
  });
});

describe('renderDeskNotFound', () => {
  it('lists the known cash desks, or says there are none yet', () => {
    expect(renderDeskNotFound('777', ['111', '222'], en).plainText).toBe('Cash desk 777 not found.\nYour cash desks: 111, 222');
    expect(renderDeskNotFound('777', [], en).plainText).toBe(`Cash desk 777 not found.\n${en.thresholds.noDesks}`);
  });

  it('escapes what the owner typed and shows at most 50 known desks', () => {
    const known = Array.from({ length: 60 }, (_, i) => `D${i}`);
    const message = renderDeskNotFound('<script>', known, uk);
    expect(message.text).toContain('&lt;script&gt;');
    expect(message.plainText).toContain('D49');
    expect(message.plainText).not.toContain('D50');
  });
});
