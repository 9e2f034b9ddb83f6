import { z } from 'zod/mini';
import type { ApiError, NotLinkedError } from '../../src/miniapp/api-contract.js';

/** An API answer other than 2xx, with the server's error code (e.g. `format_unavailable`). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** 403 `not_linked`: the bot's @username, for the button to its chat. */
    readonly bot?: string,
  ) {
    super(message);
  }
}

/** An error answer's body (ApiError), read with zod: anything else keeps the HTTP status as its code. */
const errorBodySchema = z.object({ error: z.object({ code: z.string().check(z.maxLength(64)), message: z.string().check(z.maxLength(1000)) }) });
/** The bot's @username in a 403 `not_linked` (NotLinkedError): Telegram's rule for bot names. */
const botSchema = z.object({ bot: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/)) });

/** The ApiFailure of a non-2xx answer (its body parsed as above, never trusted as it came). */
export function apiFailure(status: number, statusText: string, body: unknown): ApiFailure {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return new ApiFailure(status, `http_${status}`, statusText);
  const { code, message } = parsed.data.error satisfies ApiError['error'];
  const bot = status === 403 ? botSchema.safeParse(body) : undefined;
  return new ApiFailure(status, code, message, bot?.success ? (bot.data.bot satisfies NotLinkedError['bot']) : undefined);
}

/** A busy answer (429 too_many_requests, 503 timeout) is asked again this many times, after its Retry-After. */
const RETRIES = 3;

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function pause(ms: number, signal?: AbortSignal | null): Promise<void> {
  const aborted = () => new DOMException('aborted', 'AbortError');
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(aborted())), { once: true });
  });
}

/**
 * The one way the client talks to the service: relative to the page (the app lives under
 * PUBLIC_URL/app/, its API under PUBLIC_URL/app/api/), every call with `Authorization: tma <initData>`.
 */
export function createApi(initData: string) {
  const base = new URL('api/', document.baseURI);
  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    for (let attempt = 0; ; attempt++) {
      response = await fetch(new URL(path, base), {
        ...init,
        headers: { authorization: `tma ${initData}`, ...(init.headers ?? {}) },
        credentials: 'omit',
        cache: 'no-store',
      });
      // The service's per-user limit (a few requests a second, 2 at once) or a busy database:
      // a read is asked again after the wait the service names. Never a POST (an export).
      const busy = response.status === 429 || response.status === 503;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (!busy || (init.method ?? 'GET') !== 'GET' || attempt >= RETRIES || !(retryAfter > 0)) break;
      await pause(Math.min(retryAfter, 10) * 1000, init.signal);
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      throw apiFailure(response.status, response.statusText, body);
    }
    return response;
  }
  return {
    async get<T>(path: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
      const qs = params.toString();
      return (await (await call(qs ? `${path}?${qs}` : path, signal ? { signal } : {})).json()) as T;
    },
    async post<T>(path: string, body: unknown): Promise<T> {
      return (await (
        await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      ).json()) as T;
    },
    async blob(path: string): Promise<Blob> {
      return (await call(path)).blob();
    },
  };
}

export type Api = ReturnType<typeof createApi>;
