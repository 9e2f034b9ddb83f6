import { describe, expect, it } from 'vitest';
import { renderTestAlert } from '../../../../src/features/sales/messages/test-alert.js';
import { renderSaleAlert } from '../../../../src/features/sales/messages/sale-alert.js';
import { sampleCheckView } from '../../../../src/features/sales/sample-check.js';
import { salesJobDefinitions } from '../../../../src/features/sales/jobs.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const AT = new Date('2026-11-27T10:02:44Z');

describe('renderTestAlert', () => {
  it("is the sale alert of the sample check, under a first line saying it is a test", () => {
    const lines = parseHtml(renderTestAlert(AT, uk, 'Europe/Kyiv').text).text.split('\n');
    expect(lines[0]).toBe('🧪 Тест — це не справжній продаж');
    expect(lines[1]).toBe('');
    // Below it, exactly what the one sale-alert renderer makes of the sample.
    expect(lines.slice(2).join('\n')).toBe(parseHtml(renderSaleAlert(sampleCheckView(AT), uk, 'Europe/Kyiv').text).text);
    expect(lines.join('\n')).toContain('27.11.2026 12:02');
    expect(parseHtml(renderTestAlert(AT, en, 'Europe/Kyiv').text).text.split('\n')[0]).toBe('🧪 Test — not a real sale');
  });

  it('has no buttons: no e-receipt link or PDF of a check that does not exist', () => {
    expect(renderTestAlert(AT, uk, 'Europe/Kyiv').replyMarkup).toBeUndefined();
  });

  it('the sample adds up: lines to the total, payments to the total, in kopecks', () => {
    const view = sampleCheckView(AT);
    expect(view.items.reduce((sum, i) => sum + i.costKop, 0)).toBe(view.totalKop);
    expect(view.payments.reduce((sum, p) => sum + p.sumKop, 0)).toBe(view.totalKop);
  });

  it("the job contract: a 'test_alert' job carries when it was asked, and nothing else passes", () => {
    expect(salesJobDefinitions.test_alert.schema.safeParse({ checkId: null, payload: { at: AT.toISOString() } }).success).toBe(true);
    expect(salesJobDefinitions.test_alert.schema.safeParse({ checkId: null, payload: {} }).success).toBe(false);
    expect(salesJobDefinitions.test_alert.schema.safeParse({ checkId: 5, payload: { at: AT.toISOString() } }).success).toBe(false);
  });
});
