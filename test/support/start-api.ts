import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createPhotoHandler, type PhotoHandlerOptions } from '../../src/function/create-photo-handler.js';
import { parseConfig } from '../../src/function/parse-config.js';
import { setLogSink } from '../../src/function/request-log.js';
import { useJsonErrors } from '../../src/function/use-json-errors.js';

export interface TestApi {
  url: string;
  /** Structured log lines written while the API ran, parsed. */
  logs: Record<string, unknown>[];
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

let count = 0;

/**
 * The photo API behind the functions framework's own server, listening on a
 * free port: tests talk to it over real HTTP, as a browser would.
 */
export async function startApi(env: NodeJS.ProcessEnv, options: PhotoHandlerOptions = {}): Promise<TestApi> {
  const config = parseConfig(env);
  useJsonErrors(config); // as src/function/index.ts does
  const logs: Record<string, unknown>[] = [];
  const previousSink = setLogSink((line) => logs.push(JSON.parse(line)));
  const handler = createPhotoHandler(config, options);
  const name = `photo-test-${++count}`;
  functions.http(name, handler);
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    logs,
    get: (path, init) => fetch(url + path, init),
    close: async () => {
      setLogSink(previousSink);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
