import { describe, expect, it } from 'vitest';
import { parseShopName, shopName } from '../../../src/features/shops/shop-name.js';
import { catalogue } from '../../../src/platform/i18n/lang.js';

describe('shopName', () => {
  it('is the name as given, or "Магазин № N" / "Shop No. N" until named', () => {
    expect(shopName({ id: 7, name: null }, catalogue('uk'))).toBe('Магазин № 7');
    expect(shopName({ id: 7, name: null }, catalogue('en'))).toBe('Shop No. 7');
    expect(shopName({ id: 7, name: '<i>Ранок</i> & Co' }, catalogue('en'))).toBe('<i>Ранок</i> & Co');
  });
});

describe('parseShopName', () => {
  it('takes one line of up to 64 characters (an emoji is one), trimmed', () => {
    expect(parseShopName('  Кав’ярня «Ранок»  ')).toEqual({ ok: true, name: 'Кав’ярня «Ранок»' });
    expect(parseShopName('🍎'.repeat(64))).toEqual({ ok: true, name: '🍎'.repeat(64) });
  });
  it('says why it refuses: empty, too long, or not one line', () => {
    expect(parseShopName('   ')).toEqual({ ok: false, error: 'empty' });
    expect(parseShopName('я'.repeat(65))).toEqual({ ok: false, error: 'tooLong' });
    expect(parseShopName('a\nb')).toEqual({ ok: false, error: 'badCharacters' });
    expect(parseShopName('a\u0007b')).toEqual({ ok: false, error: 'badCharacters' });
  });
});
