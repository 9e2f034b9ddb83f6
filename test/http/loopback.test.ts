import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../src/http/loopback.js';

describe('isLoopbackAddress', () => {
  it('127.0.0.0/8 and ::1, also IPv4-mapped', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect(isLoopbackAddress(a), a).toBe(true);
    }
  });

  it('nothing else: other addresses, names, garbage, nothing', () => {
    for (const a of ['128.0.0.1', '10.0.0.1', '192.0.2.2', '0.0.0.0', '::', '::2', 'fe80::1', '::ffff:192.0.2.2', 'localhost', '127.0.0.1, 10.0.0.1', '', undefined]) {
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    }
  });
});
