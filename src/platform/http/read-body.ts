import type { Context } from 'koa';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; status: 400 | 408 | 413 | 503; message: string };

/** How long the rest of a refused body is read and thrown away before the connection is cut. */
const DISCARD_MS = 10_000;

/** The default bound on webhook bodies held in memory at once, across all requests. */
export const BODIES_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

/** The share of the in-flight budget one key (one shop's token) may hold by default. */
export const BODIES_IN_FLIGHT_SHARE = 1 / 8;

/**
 * How fast a body must come: whole within `deadlineMs` of the start of reading, and after
 * `graceMs` at least `minBytesPerSecond` on average counted from the end of the grace (by time t,
 * `(t - graceMs) * minBytesPerSecond` bytes). A body that falls behind is answered 408 and its
 * connection closed; one that trickles 1 byte a second is cut right after the grace.
 */
export interface BodyPace {
  deadlineMs: number;
  graceMs: number;
  minBytesPerSecond: number;
}

/** 20 s in all; after 5 s, 16 KiB/s (a real check with its PDF, ~40 KB, comes within the grace). */
export const DEFAULT_BODY_PACE: BodyPace = { deadlineMs: 20_000, graceMs: 5_000, minBytesPerSecond: 16 * 1024 };

/**
 * Bytes of request bodies being read or held, across requests and per key (the shop whose token
 * the request carries): a body grows its hold as its bytes arrive (never from a declared
 * Content-Length, which costs a client nothing to send), and may grow only while the total stays
 * within `limitBytes` and its key's total within `perKeyLimitBytes`; the request that does not fit
 * is answered 503 (CashDesk retries). So many large bodies at once cannot exhaust memory, and one
 * shop's bodies (slow or not) can fill only its own share: others still fit. A body alone (in all,
 * or of its key) may always grow, so a limit below MAX_BODY_BYTES cannot refuse one forever.
 */
export interface BodyBudget {
  readonly limitBytes: number;
  readonly perKeyLimitBytes: number;
  readonly inFlight: number;
  inFlightOf(key: string): number;
  /** A hold for one request's body; released once, whatever the path. */
  hold(key: string): BodyHold;
}

export interface BodyHold {
  readonly held: number;
  /** Grows the hold to `bytes` in all, if it fits; false (hold unchanged) if not. */
  growTo(bytes: number): boolean;
  release(): void;
}

export function createBodyBudget(
  limitBytes = BODIES_IN_FLIGHT_BYTES,
  onChange?: (inFlight: number) => void,
  perKeyLimitBytes = Math.floor(limitBytes * BODIES_IN_FLIGHT_SHARE),
): BodyBudget {
  let inFlight = 0;
  const byKey = new Map<string, number>();
  const setKey = (key: string, bytes: number) => (bytes > 0 ? byKey.set(key, bytes) : byKey.delete(key));
  return {
    limitBytes,
    perKeyLimitBytes,
    get inFlight() {
      return inFlight;
    },
    inFlightOf: (key) => byKey.get(key) ?? 0,
    hold(key) {
      let held = 0;
      return {
        get held() {
          return held;
        },
        growTo(bytes) {
          const more = bytes - held;
          if (more <= 0) return true;
          const ofKey = byKey.get(key) ?? 0;
          if (inFlight > held && inFlight + more > limitBytes) return false;
          if (ofKey > held && ofKey + more > perKeyLimitBytes) return false;
          held = bytes;
          inFlight += more;
          setKey(key, ofKey + more);
          onChange?.(inFlight);
          return true;
        },
        release() {
          if (held <= 0) return;
          inFlight = Math.max(0, inFlight - held);
          setKey(key, (byKey.get(key) ?? 0) - held);
          held = 0;
          onChange?.(inFlight);
        },
      };
    },
  };
}

export interface ReadBodyOptions {
  /** What all requests may hold at once (unbounded without one). */
  budget?: BodyBudget;
  /** Whose share of the budget the body counts against (the shop). */
  key?: string;
  pace?: BodyPace;
}

/**
 * The request body as bytes, refusing more than `limit` bytes without keeping them (413), a body
 * that does not fit in `budget` (503), and one that comes slower than `pace` (408, and the
 * connection closed). A 413 or 503 is answered once the client has sent the rest (read and
 * dropped, at `pace` too): a client that asked to close the connection (no keep-alive) has it
 * closed as soon as the answer is written, and closing on unread data resets the connection, so
 * the client, still uploading, saw an error instead of the 413 (the malformed-bodies drill, once
 * the token lookup no longer made every answer wait). A client that keeps sending past DISCARD_MS
 * is answered and its connection closed.
 */
export async function readBody(ctx: Context, limit: number, options: ReadBodyOptions = {}): Promise<BodyResult> {
  const pace = options.pace ?? DEFAULT_BODY_PACE;
  const declared = Number(ctx.get('content-length') || NaN);
  const hold = options.budget?.hold(options.key ?? '');
  // Given back once, when the response is over (sent, failed or abandoned by the client).
  if (hold) ctx.res.once('close', () => hold.release());
  const admit = (total: number): 'too_large' | 'busy' | undefined => {
    if (total > limit) return 'too_large';
    if (hold && !hold.growTo(total)) return 'busy';
    return undefined;
  };
  const read = await readChunks(ctx.req, pace, Number.isFinite(declared) && declared > limit ? 'too_large' : admit);
  if (read.cut) ctx.set('connection', 'close');
  switch (read.result) {
    case 'too_large':
      return { ok: false, status: 413, message: `body over ${limit} bytes` };
    case 'busy':
      return { ok: false, status: 503, message: 'too many bodies in flight, retry later' };
    case 'too_slow':
      return { ok: false, status: 408, message: `body not received in time (within ${pace.deadlineMs / 1000} s, at least ${pace.minBytesPerSecond} bytes/s after ${pace.graceMs / 1000} s)` };
    case 'failed':
    case 'unwanted': // discardBody's only
      return { ok: false, status: 400, message: 'could not read the request body' };
  }
  if (Number.isFinite(declared) && read.result.length !== declared) {
    return { ok: false, status: 400, message: 'could not read the request body' };
  }
  return { ok: true, bytes: read.result };
}

/**
 * Reads and drops the request body (a request answered without it, e.g. an unknown token), at
 * `pace`: answered once the client has sent it all, or with the connection closed if it is slow.
 */
export async function discardBody(ctx: Context, pace: BodyPace = DEFAULT_BODY_PACE): Promise<void> {
  const read = await readChunks(ctx.req, pace, 'unwanted');
  if (read.cut) ctx.set('connection', 'close');
}

type Refusal = 'too_large' | 'busy' | 'unwanted';
type ReadResult = { result: Buffer | Refusal | 'too_slow' | 'failed'; cut: boolean };

/**
 * Reads the stream to its end, asking `admit(total so far)` before keeping each chunk (or refused
 * from the start); after a refusal it reads on, dropping what comes, and resolves with the
 * refusal at the end. Stops early, with `cut`, when the client falls behind `pace` or discards
 * longer than DISCARD_MS: the stream is left unread and the connection is to be closed.
 */
function readChunks(req: Context['req'], pace: BodyPace, admit: ((total: number) => Refusal | undefined) | Refusal): Promise<ReadResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let refused: Refusal | undefined = typeof admit === 'string' ? admit : undefined;
    let paceTimer: NodeJS.Timeout | undefined;
    let discardTimer: NodeJS.Timeout | undefined;
    const done = (result: ReadResult['result'], cut = false) => {
      clearTimeout(paceTimer);
      clearTimeout(discardTimer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onClose);
      chunks.length = 0;
      if (cut) req.pause();
      resolve({ result, cut });
    };
    const refuse = (why: Refusal) => {
      refused = why;
      chunks.length = 0;
      discardTimer = setTimeout(() => done(why, true), DISCARD_MS);
      discardTimer.unref();
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (refused || typeof admit === 'string') return;
      const refusal = admit(total);
      if (refusal) return refuse(refusal);
      chunks.push(chunk);
    };
    const onEnd = () => done(refused ?? Buffer.concat(chunks, total));
    // A client gone mid-body: what it was refused for, if it was (the log and metrics say so).
    const onFail = () => done(refused ?? 'failed');
    const onClose = () => {
      if (!req.readableEnded) done(refused ?? 'failed');
    };
    // One timer, set for the moment the bytes so far fall behind the pace (or the deadline).
    const checkPace = () => {
      const elapsed = performance.now() - started;
      const due = elapsed <= pace.graceMs ? 0 : ((elapsed - pace.graceMs) / 1000) * pace.minBytesPerSecond;
      if (elapsed >= pace.deadlineMs || total < due) return done(refused ?? 'too_slow', true);
      const behindAt = pace.minBytesPerSecond > 0 ? pace.graceMs + (total / pace.minBytesPerSecond) * 1000 + 1 : Infinity;
      paceTimer = setTimeout(checkPace, Math.max(10, Math.min(pace.deadlineMs, behindAt) - elapsed));
      paceTimer.unref();
    };
    if (refused) refuse(refused);
    if (req.readableEnded) return done(refused ?? Buffer.alloc(0));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onFail);
    req.once('close', onClose);
    checkPace();
  });
}

/** A JSON object from bytes, or why not. */
export function parseJsonObject(bytes: Buffer): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'body is not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'body is not a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
