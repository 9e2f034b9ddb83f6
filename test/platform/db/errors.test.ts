import { describe, expect, it } from 'vitest';
import { isPermanentDataError, sqlState } from '../../../src/platform/db/errors.js';

const wrapped = (code: string) => Object.assign(new Error('Failed query: insert …'), { cause: Object.assign(new Error('driver'), { code }) });

describe('isPermanentDataError', () => {
  it('is a data exception or a program limit, anywhere in the cause chain', () => {
    for (const code of ['22003', '22021', '22P02', '22008', '54000', '54023']) expect(isPermanentDataError(wrapped(code)), code).toBe(true);
    expect(isPermanentDataError(Object.assign(new Error('too many'), { code: 'MAX_PARAMETERS_EXCEEDED' }))).toBe(true);
    expect(sqlState(wrapped('22003'))).toBe('22003');
  });

  it('is not what retrying may cure: serialization, deadlock, shutdown, lost connections, timeouts', () => {
    for (const code of ['40001', '40P01', '57P01', '57014', '08006', '53300', 'ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT']) {
      expect(isPermanentDataError(wrapped(code)), code).toBe(false);
    }
    expect(isPermanentDataError(new Error('no code'))).toBe(false);
    expect(isPermanentDataError(undefined)).toBe(false);
  });
});
