import { describe, expect, it } from 'vitest';
import { renderPeriodReport } from '../../../src/features/reports/period-report-photo.js';
import { renderPeriodReportText } from '../../../src/features/reports/messages/period-report.js';
import { figures, week } from './period-report-fixture.js';
import { en } from '../../../src/platform/i18n/en.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderPeriodReport', () => {
  it('the text of the report with its chart by day as a photo named by the period', () => {
    const message = renderPeriodReport(week(), en);
    const { photo, ...text } = message;
    expect(text).toEqual(renderPeriodReportText(week(), en));
    expect(photo?.filename).toBe('report-2026-11-30-2026-12-02.png');
    expect(photo?.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('keeps the title asked for', () => {
    expect(renderPeriodReport(week(), en, 'digest').text).toBe(renderPeriodReportText(week(), en, 'digest').text);
  });

  it('a report of one day is drawn by hour', () => {
    const day = week({
      figures: figures('2026-12-02', '2026-12-02', 30_000),
      previous: figures('2026-11-25', '2026-11-25', 20_000),
      daily: [{ date: '2026-12-02', netKop: 30_000 }],
      hourly: { hours: Array.from({ length: 24 }, (_, h) => (h === 10 ? 30_000 : 0)), previousHours: Array.from({ length: 24 }, () => 0), dayStart: 0 },
    });
    const byHour = renderPeriodReport(day, en).photo!.bytes;
    const byDay = renderPeriodReport({ ...day, hourly: undefined }, en).photo!.bytes;
    expect(byHour.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(byHour.equals(byDay)).toBe(false);
  });
});
