/**
 * The access tokens a cold instance reads its catalog index with on Cloud
 * Run, from an HTTP fake of the metadata server's token endpoint (the REST
 * call Google's own libraries make), counted from outside.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { GcsObjectReader } from '../../src/function/gcs-object-reader.js';
import { metadataServerToken } from '../../src/function/metadata-token.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';

const TOKEN_PATH = '/computeMetadata/v1/instance/service-account/default/token';
let server: Server;
let host: string;
let seen: IncomingMessage[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let issued = 0;
let fake: FakeGcs;

before(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const body = answer.status === 200 ? { access_token: `token-${++issued}`, expires_in: 3599, token_type: 'Bearer' } : answer.body;
    res.writeHead(answer.status, { 'content-type': 'application/json', 'metadata-flavor': 'Google' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = await startFakeGcs({ buckets: ['tokened'] });
});
beforeEach(() => {
  seen = [];
  issued = 0;
  answer = { status: 200, body: {} };
});
after(async () => {
  server.close();
  await fake.close();
});

test('asks the metadata server with its Metadata-Flavor header, and reuses a token until a minute before it expires', async () => {
  let now = 1_000_000;
  const token = metadataServerToken(host, () => now);
  assert.deepEqual(await Promise.all([token(), token()]), ['token-1', 'token-1'], 'concurrent callers share one request');
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.url, TOKEN_PATH);
  assert.equal(seen[0]!.headers['metadata-flavor'], 'Google');
  now += (3599 - 61) * 1000;
  assert.equal(await token(), 'token-1');
  now += 2000;
  assert.equal(await token(), 'token-2', 'renewed in the last minute');
  assert.equal(seen.length, 2);
});

test('a refusal is an error that names the status, and the next call asks again', async () => {
  const token = metadataServerToken(host);
  answer = { status: 403, body: { error: 'denied' } };
  await assert.rejects(token(), /metadata server gave no access token \(HTTP 403\)/);
  answer = { status: 200, body: {} };
  assert.equal(await token(), 'token-1');
});

test("the object reader sends the token with every request", async () => {
  fake.put('tokened', 'a.txt', 'hello');
  fake.resetRequests();
  const reader = new GcsObjectReader('tokened', { apiEndpoint: fake.url, token: metadataServerToken(host) });
  assert.equal((await reader.stat('a.txt'))?.size, 5);
  assert.equal((await reader.read('a.txt', undefined, [1, 4]))?.toString(), 'ell');
  assert.equal(await reader.read('missing.txt'), undefined);
  assert.equal(seen.length, 1, 'one token for all three');
  assert.deepEqual(fake.requests.map((r) => r.authorization), ['Bearer token-1', 'Bearer token-1', 'Bearer token-1']);
});
