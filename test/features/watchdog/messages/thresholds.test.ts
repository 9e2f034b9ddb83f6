import { describe, expect, it } from 'vitest';
import { renderThresholds } from '../../../../src/features/watchdog/messages/thresholds.js';
import { uk } from '../../../../src/platform/i18n/uk.js';

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
