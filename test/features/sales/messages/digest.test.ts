import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../../../src/features/sales/messages/digest.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';
import { checkView } from './check-views.js';

const TZ = 'Europe/Kyiv';

describe('renderDigest', () => {
  it('merges several checks: count, a line per check, sums of sales and returns', () => {
    const views = [
      checkView({ checkId: 1, orderNum: 'A<1>' }),
      checkView({ checkId: 2, orderNum: 'A2', totalKop: 68900, payments: [{ isCash: false, name: null, sumKop: 68900, providedKop: null, remainsKop: null }] }),
      checkView({ checkId: 3, orderNum: 'R1', kind: 'return', checkType: 'RETURN', totalKop: 2890 }),
    ];
    const msg = renderDigest(views, uk, TZ);
    const text = parseHtml(msg.text).text;
    expect(text.split('\n')[0]).toBe('3 нові чеки');
    expect(text).toContain('🧾 10:15 · Продаж · № A<1> · 148,60 ₴ · Готівка');
    expect(text).toContain('№ A2 · 689,00 ₴ · Картка');
    expect(text).toContain('↩️ 10:15 · Повернення · № R1 · 28,90 ₴');
    expect(text).toContain('Продажі разом: 837,60 ₴');
    expect(text).toContain('Повернення разом: 28,90 ₴');
    expect(renderDigest([checkView()], en, TZ).plainText.split('\n')[0]).toBe('1 new check');
    expect(renderDigest(views.concat(views, views), uk, TZ).plainText.split('\n')[0]).toBe('9 нових чеків');
  });

  it('fits a huge backlog into one message, keeping the sums', () => {
    const views = Array.from({ length: 500 }, (_, i) => checkView({ checkId: i + 1, orderNum: `DEV_${i}` }));
    const text = parseHtml(renderDigest(views, uk, TZ).text).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/…і ще \d+/);
    expect(text).toContain('Продажі разом: 74 300,00 ₴');
  });
});
