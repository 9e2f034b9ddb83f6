import { describe, expect, it } from 'vitest';
import { parseCallbackData, pdfCallbackData, testAlertCallbackData } from '../../../src/features/sales/callback-data.js';

describe('callback data', () => {
  it('round-trips our buttons and rejects anything else', () => {
    expect(parseCallbackData(pdfCallbackData(123))).toEqual({ action: 'pdf', checkId: 123 });
    expect(parseCallbackData('lang:en')).toEqual({ action: 'lang', lang: 'en' });
    expect(parseCallbackData(testAlertCallbackData)).toEqual({ action: 'test_alert' });
    for (const forged of ['test:1', 'tests', ' test', 'pdf:', 'pdf:0', 'pdf:-1', 'pdf:1e3', 'pdf:12345678901234567', 'pdf:1;drop', 'lang:de', 'x', 42, undefined]) {
      expect(parseCallbackData(forged)).toBeUndefined();
    }
  });
});
