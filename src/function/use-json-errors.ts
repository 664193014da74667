import type { ServerResponse } from 'node:http';
import express from 'express';
import { ApiHttpError } from './api-error.js';

type Handle = (req: unknown, res: ServerResponse, done?: (error?: unknown) => void) => void;

/**
 * The functions framework runs Express with body parsers and a router in
 * front of the function, and offers no hook for their errors: a malformed
 * path (`/%E0%A4%A`) or a malformed JSON body would be answered by Express's
 * default handler, as HTML, with a stack trace outside production. This makes
 * every Express app in the process (the framework creates exactly one) end
 * such requests with the API's own JSON error instead.
 */
export function useJsonErrors(): void {
  const app = express.application as unknown as { handle: Handle; __photoFrameJsonErrors?: boolean };
  if (app.__photoFrameJsonErrors) return;
  const handle = app.handle;
  app.handle = function (this: unknown, req, res, done) {
    handle.call(this, req, res, done ?? ((error?: unknown) => finish(res, error)));
  };
  app.__photoFrameJsonErrors = true;
}

function finish(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = Number((error as { status?: number } | undefined)?.status ?? (error ? 500 : 404));
  const apiError =
    error === undefined ? new ApiHttpError('not_found', 'Nothing here: the API answers GET / (a random photo) and GET /photos (the catalog)')
    : status === 413 ? new ApiHttpError('invalid_parameter', 'The request body is too large: the API takes no body')
    : status >= 400 && status < 500 ? new ApiHttpError('invalid_parameter', 'The request is malformed (its path or body cannot be decoded)')
    : new ApiHttpError('internal', 'Something went wrong on our side; try again');
  const json = JSON.stringify(apiError.toJSON());
  res.writeHead(apiError.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(json);
}
