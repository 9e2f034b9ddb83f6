import { describe, expect, it } from 'vitest';
import { alertTally } from '../../bench/drills/tally.js';

describe("the drills' alert tally", () => {
  it('counts an alert delivered when its chat got a message naming the check, once per chat', () => {
    const tally = alertTally(
      [
        { number: 'D1', chatId: 1 },
        { number: 'D2', chatId: 1 },
        { number: 'D1', chatId: 2 },
        { number: 'D3', chatId: 2 },
      ],
      [
        { chatId: 1, text: '🧾 Продаж · № D1 · 148,60 ₴' },
        { chatId: 1, text: '2 нових чеки\n№ D2 · 1,00 ₴\n№ D1 · 148,60 ₴' },
        { chatId: 2, text: '№ D10 · 5,00 ₴' },
        { chatId: 3, text: '№ D3' },
      ],
    );
    expect(tally).toEqual({ expected: 4, delivered: 2, duplicates: 1, missing: [{ number: 'D1', chatId: 2 }, { number: 'D3', chatId: 2 }] });
  });
});
