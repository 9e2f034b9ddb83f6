/**
 * Database errors that say the data can never be stored, as opposed to "not now" (a connection
 * lost, a timeout, a deadlock, a database shutting down). SQLSTATE class 22 (data exception: a
 * value out of range, a bad character) and class 54 (a program limit: too many parameters, a
 * statement too complex), from PostgreSQL, found anywhere in the cause chain (drizzle
 * wraps the driver's error); and postgres.js's own refusal of too many bound parameters.
 */
const PERMANENT_CLASSES = ['22', '54'];
const PERMANENT_CLIENT_CODES = ['MAX_PARAMETERS_EXCEEDED'];

export function isPermanentDataError(err: unknown): boolean {
  return codes(err).some((code) => PERMANENT_CLIENT_CODES.includes(code) || (SQLSTATE.test(code) && PERMANENT_CLASSES.includes(code.slice(0, 2))));
}

/** The first SQLSTATE in the cause chain, if any. */
export function sqlState(err: unknown): string | undefined {
  return codes(err).find((code) => SQLSTATE.test(code));
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

function codes(err: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
  }
  return out;
}
