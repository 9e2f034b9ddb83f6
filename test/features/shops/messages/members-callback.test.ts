import { describe, expect, it } from 'vitest';
import { MEMBERS_PREFIX, membersCallbackData, parseMembersCallback } from '../../../../src/features/shops/messages/members-callback.js';

describe('parseMembersCallback', () => {
  it('chat ids up to the largest safe integer, either sign', () => {
    expect(parseMembersCallback(`mem:rm:${Number.MAX_SAFE_INTEGER}`)).toEqual({ action: 'remove', chatId: Number.MAX_SAFE_INTEGER });
    expect(parseMembersCallback(`mem:ask:-${Number.MAX_SAFE_INTEGER}`)).toEqual({ action: 'ask', chatId: -Number.MAX_SAFE_INTEGER });
    expect(parseMembersCallback('mem:rm:9007199254740992')).toBeUndefined();
    expect(parseMembersCallback('mem:ask:-9007199254740992')).toBeUndefined();
  });

  it('ignores what only looks like its data', () => {
    for (const data of ['mem:ask:+5', 'mem:ask: 5', 'mem:ASK:5', 'mem:ask:5 ', 'mem::5', 'mem:', MEMBERS_PREFIX, 'mem:list ', 'MEM:list', 'mem:ask:--5', undefined, {}]) {
      expect(parseMembersCallback(data), JSON.stringify(data)).toBeUndefined();
    }
  });
});

describe('membersCallbackData', () => {
  it('carries the prefix, fits in 64 bytes, and reads back', () => {
    for (const data of [membersCallbackData.ask(-1001234567890123), membersCallbackData.remove(Number.MAX_SAFE_INTEGER), membersCallbackData.list()]) {
      expect(data.startsWith(MEMBERS_PREFIX)).toBe(true);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseMembersCallback(data)).toBeDefined();
    }
    expect(membersCallbackData.ask(-1001234567890123)).toBe('mem:ask:-1001234567890123');
    expect(membersCallbackData.remove(42)).toBe('mem:rm:42');
  });
});
