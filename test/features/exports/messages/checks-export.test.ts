import { describe, expect, it } from 'vitest';
import { renderExportPart, renderExportRequested } from '../../../../src/features/exports/messages/checks-export.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';

const built = (checks: number, items: number) => ({ file: { path: '/tmp/part-1.csv', bytes: 1234, remove: async () => {} }, checks, items });
const november = { from: '2026-11-01', to: '2026-11-30' };

describe('renderExportPart', () => {
  it('a CSV: the file under the period\'s name, its caption counting the checks', () => {
    const message = renderExportPart(built(21, 40), { ...november, format: 'csv' }, en);
    expect(message.document).toEqual({ path: '/tmp/part-1.csv', filename: 'checks-2026-11-01-2026-11-30.csv' });
    expect(message.plainText).toBe(
      'Checks of 01.11.2026 – 30.11.2026: 21 checks. One row per item; separator ";". The sum of "Signed check total" is the net (returns negative).',
    );
    expect(message.text).toContain('separator &quot;;&quot;');
  });

  it('a workbook: checks and items in the caption, which file of how many when there are several', () => {
    const message = renderExportPart(built(1, 5), { ...november, format: 'xlsx', part: { index: 2, of: 3 } }, uk);
    expect(message.document).toMatchObject({ filename: 'checks-2026-11-01-2026-11-30.xlsx' });
    expect(message.plainText).toBe('Чеки за 01.11.2026 – 30.11.2026: 1 чек, 5 позицій. Аркуші: чеки й товари. Файл 2 з 3.');
    expect(renderExportPart(built(2, 2), { ...november, format: 'xlsx', part: { index: 1, of: 1 } }, en).plainText).toBe(
      'Checks of 01.11.2026 – 30.11.2026: 2 checks, 2 items. Sheets: checks and items.',
    );
  });

  it('a part with no checks says so, with no file', () => {
    const message = renderExportPart(built(0, 0), { ...november, format: 'csv' }, uk);
    expect(message.document).toBeUndefined();
    expect(message.plainText).toBe('За 01.11.2026 – 30.11.2026 чеків немає.');
  });

  it('a part too large for Telegram: its size in whole megabytes, rounded up, and no file', () => {
    const message = renderExportPart({ tooBigBytes: 50 * 1024 * 1024 + 1 }, { ...november, format: 'xlsx' }, en);
    expect(message.document).toBeUndefined();
    expect(message.plainText).toBe('The file for 01.11.2026 – 30.11.2026 came out at 51 MB, more than Telegram takes (50 MB).');
    expect(renderExportPart({ tooBigBytes: 60 * 1024 * 1024 }, { ...november, format: 'csv' }, uk).plainText).toContain('вийшов на 60 МБ');
  });
});

describe('renderExportRequested', () => {
  const input = { ...november, format: 'csv' as const, perDay: 5 };

  it('how many files follow, one or several', () => {
    expect(renderExportRequested({ queued: 1 }, input, en).plainText).toBe('Preparing the CSV file: it follows in a moment.');
    expect(renderExportRequested({ queued: 3 }, { ...input, format: 'xlsx' }, en).plainText).toBe(
      "Preparing the Excel file: 3 parts (each under Telegram's 50 MB), they follow one after another.",
    );
    expect(renderExportRequested({ queued: 5 }, input, uk).plainText).toContain('Готую файл CSV: 5 частин');
  });

  it('nothing in the period, with its dates', () => {
    expect(renderExportRequested({ queued: 0 }, input, en).plainText).toBe('No checks in 01.11.2026 – 30.11.2026.');
  });

  it('refused: an export under way, or the daily limit with its number', () => {
    expect(renderExportRequested({ refused: 'waiting' }, input, en).plainText).toBe(en.exports.waiting);
    expect(renderExportRequested({ refused: 'daily_limit' }, input, en).plainText).toBe('That is enough exports for today: at most 5 a day. Try again later.');
    expect(renderExportRequested({ refused: 'daily_limit' }, input, uk).plainText).toContain('щонайбільше 5 за добу');
  });
});
