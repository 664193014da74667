/**
 * The ceilings photo-frame is compared with: a server answering one fixed
 * photo-sized JSON body (Cache-Control: no-store) to every request.
 *
 *   framework: an HTTP function on @google-cloud/functions-framework, served by
 *              its getTestServer (the framework's own per-request cost: Express,
 *              body parsers, execution context).
 *   bare:      a plain node:http server (for reference).
 *
 * Prints {"port": P} on stdout once listening.
 * Run: node --import tsx bench/fixed-json-server.ts framework|bare [port]
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { fixedAnswerJson } from './photo-data.ts';

const mode = process.argv[2];
const BODY = fixedAnswerJson();
const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': String(Buffer.byteLength(BODY)),
  'Cache-Control': 'no-store',
};

function answer(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, HEADERS).end(BODY);
}

let server: Server;
if (mode === 'framework') {
  functions.http('fixed', answer);
  server = getTestServer('fixed');
} else if (mode === 'bare') {
  server = createServer(answer);
} else {
  throw new Error(`Usage: fixed-json-server.ts framework|bare (got ${JSON.stringify(mode)})`);
}
// Exit normally on SIGTERM, so `--cpu-prof` can write its profile.
process.once('SIGTERM', () => process.exit(0));
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, bytes: Buffer.byteLength(BODY) }));
});
