import { ERROR_STATUS, type ApiError, type ErrorCode } from '../contract.js';

/** An error the API answers as `{"error": {code, message}}` with the code's status. */
export class ApiHttpError extends Error {
  override name = 'ApiHttpError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (Allow, Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): ApiError {
    return { error: { code: this.code, message: this.message } };
  }
}
