/** An error answer of the Bot API. Thrown by method handlers, turned into `{ ok: false, ... }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly description: string;
  readonly parameters: Record<string, unknown> | undefined;

  constructor(status: number, description: string, parameters?: Record<string, unknown>) {
    super(description);
    this.name = 'ApiError';
    this.status = status;
    this.description = description;
    this.parameters = parameters;
  }

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      ok: false,
      error_code: this.status,
      description: this.description,
    };
    if (this.parameters !== undefined) body['parameters'] = this.parameters;
    return body;
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): ApiError => new ApiError(403, `Forbidden: ${what}`);

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export function apiErrorFromFault(spec: {
  status: number;
  description?: string | undefined;
  retryAfter?: number | undefined;
  migrateToChatId?: number | undefined;
}): ApiError {
  let description = spec.description;
  if (description === undefined) {
    if (spec.status === 429) description = `Too Many Requests: retry after ${spec.retryAfter ?? 1}`;
    else description = DEFAULT_DESCRIPTIONS[spec.status] ?? `Error ${spec.status}`;
  }
  const parameters: Record<string, unknown> = {};
  if (spec.retryAfter !== undefined) parameters['retry_after'] = spec.retryAfter;
  else if (spec.status === 429) parameters['retry_after'] = 1;
  if (spec.migrateToChatId !== undefined) parameters['migrate_to_chat_id'] = spec.migrateToChatId;
  return new ApiError(spec.status, description, Object.keys(parameters).length > 0 ? parameters : undefined);
}

export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}
