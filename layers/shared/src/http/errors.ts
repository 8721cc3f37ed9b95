/** The small set of typed errors handlers throw; mapped to HTTP in one place (`toErrorResponse`). */

export interface ErrorDetail {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class Invalid extends HttpError {
  constructor(message: string, details?: ErrorDetail[], code = 'invalid_request') {
    super(400, code, message, details);
  }
}
export class Unauthorized extends HttpError {
  constructor(message = 'Sign in to continue') {
    super(401, 'unauthorized', message);
  }
}
export class Forbidden extends HttpError {
  constructor(message = 'You are not allowed to do that') {
    super(403, 'forbidden', message);
  }
}
export class NotFound extends HttpError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found`);
  }
}
export class Conflict extends HttpError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}
export class PayloadTooLarge extends HttpError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `Request body must be at most ${limit} bytes`);
  }
}
export class UnsupportedMediaType extends HttpError {
  constructor() {
    super(415, 'unsupported_media_type', 'Send the body as application/json');
  }
}
export class TooManyRequests extends HttpError {
  constructor(message: string, retryAfterSeconds: number, code = 'rate_limited') {
    super(429, code, message, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
/** A dependency (OpenAI, the database) failed: 502 bad answer, 503 unavailable, 504 timed out. */
export class Upstream extends HttpError {
  constructor(status: 502 | 503 | 504, code: string, message: string) {
    super(status, code, message);
  }
}
