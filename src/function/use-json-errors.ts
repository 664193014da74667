import type { ServerResponse } from 'node:http';
import express from 'express';
import { ApiHttpError } from './api-error.js';
import { corsHeaders } from './cors-headers.js';
import type { Config } from './parse-config.js';

type Req = { headers?: { origin?: string } };
type Handle = (req: Req, res: ServerResponse, done?: (error?: unknown) => void) => void;
type JsonErrorsConfig = Pick<Config, 'allowedOrigins'>;
interface App {
  handle: Handle;
  photoFrameJsonErrors?: JsonErrorsConfig;
}

/**
 * Express's application prototype. Express copies its fields onto each app it
 * creates, so an app keeps the handler and the configuration in place when it
 * was made (tests run several APIs, with their own ALLOWED_ORIGINS, in one process).
 */
const proto = express.application as unknown as App;

/**
 * The functions framework runs Express with body parsers and a router in
 * front of the function, and offers no hook for their errors: a malformed
 * path (`/%E0%A4%A`) or a malformed JSON body would be answered by Express's
 * default handler, as HTML, with a stack trace outside production. This makes
 * the Express apps created from now on (the framework creates exactly one)
 * end such requests with the API's own JSON error instead, with the CORS
 * headers of the API's answers.
 */
export function useJsonErrors(config: JsonErrorsConfig): void {
  const patched = proto.photoFrameJsonErrors !== undefined;
  proto.photoFrameJsonErrors = config;
  if (patched) return;
  const handle = proto.handle;
  proto.handle = function (this: App, req, res, done) {
    handle.call(this, req, res, done ?? ((error?: unknown) => finish(this.photoFrameJsonErrors!, req, res, error)));
  };
}

function finish(config: JsonErrorsConfig, req: Req, res: ServerResponse, error: unknown): void {
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
    ...corsHeaders(req.headers?.origin, config.allowedOrigins),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}
