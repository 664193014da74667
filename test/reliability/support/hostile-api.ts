/**
 * The photo API under attack (the real handler behind the functions framework,
 * over HTTP, on a local store in a temporary folder with a secret right next to
 * it and links to it inside), the requests sent raw, and the invariants every
 * answer keeps whatever was asked.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import fc from 'fast-check';
import { ERROR_STATUS, isApiError } from '../../../src/contract.js';
import { makePhoto } from '../../support/make-photo.js';
import { startApi, type TestApi } from '../../support/start-api.js';
import { assertProperty } from './assert-property.js';
import { MAX_URL, type RawRequest } from './hostile-requests.js';

const SECRET = `top-secret-${process.pid}-a1b2c3`;

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Strings the request itself carries (a message may echo them back; that is not a leak). */
function echoes(request: RawRequest): string {
  const text = [request.path, ...Object.values(request.headers), request.body ?? ''].join('\n');
  let decoded = text;
  try {
    decoded = decodeURIComponent(decodeURIComponent(text));
  } catch {
    /* malformed: the raw text is what can be echoed */
  }
  return `${text}\n${decoded}`;
}

export class HostileApi {
  /** The temporary folder: the photo folder and, beside it, the secret files. */
  base = '';
  photosDir = '';
  api!: TestApi;
  private secretJpeg!: Buffer;
  /** The bytes of every file the API may serve. */
  private servable: Buffer[] = [];

  async start(): Promise<void> {
    this.base = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-hostile-'));
    this.photosDir = path.join(this.base, 'photos');
    await makePhoto(this.photosDir, 'harbour.jpg', { sidecar: { caption: 'Harbour', alt: 'Boats' } });
    await makePhoto(this.photosDir, 'mountains/ridge.png', { format: 'png', colour: '#225522' });
    await makePhoto(this.photosDir, 'sea/wave one.webp', { format: 'webp', colour: '#112288', sidecar: { caption: 'Ünïcødé ←' } });
    await makePhoto(this.photosDir, '.hidden/hidden.jpg', { colour: '#ff00ff' });
    // Next to the folder: must never be served, whatever the path says.
    await fs.writeFile(path.join(this.base, 'secret.txt'), SECRET);
    await fs.writeFile(path.join(this.base, 'secret.jpg.json'), JSON.stringify({ caption: SECRET }));
    this.secretJpeg = await fs.readFile(await makePhoto(this.base, 'secret.jpg', { colour: '#ff0000', description: SECRET }));
    await fs.symlink(path.join(this.base, 'secret.jpg'), path.join(this.photosDir, 'link-out.jpg'));
    await fs.symlink(path.join(this.base, 'secret.txt'), path.join(this.photosDir, 'link-out.txt'));
    this.servable = await Promise.all(['harbour.jpg', 'mountains/ridge.png', 'sea/wave one.webp'].map((n) => fs.readFile(path.join(this.photosDir, n))));
    this.api = await startApi({ PHOTOS_DIR: this.photosDir });
    // Warm the catalog so every run sees the same (loaded) state.
    assert.equal((await this.api.get('/photos')).status, 200);
  }

  async close(): Promise<void> {
    await this.api?.close();
    if (this.base) await fs.rm(this.base, { recursive: true, force: true });
  }

  /** Sends the path exactly as given (fetch would normalise `..` and encodings away). */
  send(request: RawRequest): Promise<RawResponse> {
    const { port } = new URL(this.api.url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(5000, () => req.destroy(new Error(`no answer within 5 s to ${request.method} ${request.path}`)));
      req.on('error', reject);
      req.end(request.body);
    });
  }

  /** The invariants every answer keeps, whatever was asked. */
  /** The invariants every answer keeps, whatever was asked. */
  check(request: RawRequest, response: RawResponse): void {
    const what = `${request.method} ${request.path} -> ${response.status}`;
    const { status, headers, body } = response;
    const text = body.toString('utf8');
    assert.ok(status >= 200 && status < 600, what);
    assert.ok(status < 500 || status === 503, `${what}: a 5xx other than a deliberate 503: ${text.slice(0, 300)}`);
    assert.ok(status < 300 || status >= 400 || status === 304, `${what}: a redirect`);
    assert.notEqual(status, 431, `${what}: the request was kept below Node's header limit`);

    // Never a stack trace, a server path, or the secret.
    const echoed = echoes(request);
    for (const needle of ['    at ', this.base, this.photosDir, os.tmpdir() + '/', 'node_modules', '/work/', SECRET]) {
      if (echoed.includes(needle)) continue;
      assert.ok(!text.includes(needle), `${what}: the body shows ${JSON.stringify(needle)}: ${text.slice(0, 300)}`);
    }
    assert.ok(!text.includes(SECRET), `${what}: the secret leaked`);
    assert.ok(!body.equals(this.secretJpeg), `${what}: served the image outside the folder`);

    if (status === 400 && !headers['content-type'] && body.length === 0 && /[^\x21-\x7e]/.test(request.path)) {
      // Node's own HTTP parser refuses a request target with bytes outside visible ASCII
      // (HPE_INVALID_URL) before any handler runs, as it answers 431 to oversized headers.
      return;
    }
    if (status >= 400) {
      assert.match(String(headers['content-type']), /^application\/json/, `${what}: an error that is not JSON`);
      if (request.method !== 'HEAD') {
        let parsed: unknown;
        assert.doesNotThrow(() => (parsed = JSON.parse(text)), `${what}: an error body that is not JSON: ${text.slice(0, 300)}`);
        assert.ok(isApiError(parsed), `${what}: not {"error":{code,message}}: ${text.slice(0, 300)}`);
        assert.equal(ERROR_STATUS[parsed.error.code], status, `${what}: a code the contract does not list for ${status}: ${text.slice(0, 300)}`);
      }
      if (status === 503) assert.ok(headers['retry-after'], `${what}: a 503 without Retry-After`);
    } else if (status === 200 && request.method === 'GET') {
      const type = String(headers['content-type']);
      if (type.startsWith('image/')) {
        assert.ok(this.servable.some((b) => b.equals(body)), `${what}: served an image that is not one of the photos`);
      } else {
        assert.match(type, /^application\/json/, `${what}: a 200 that is neither JSON nor a photo`);
        assert.doesNotThrow(() => JSON.parse(text), `${what}: a 200 whose body is not JSON`);
      }
    }
    if (request.method === 'HEAD' || status === 204 || status === 304) assert.equal(body.length, 0, `${what}: a body`);
  }

  /** Checks the answer to every request of `arb` (RUNS of them, the path within MAX_URL). */
  fuzz(arb: fc.Arbitrary<RawRequest>): Promise<void> {
    return assertProperty(
      fc.asyncProperty(arb, async (request) => {
        fc.pre(Buffer.byteLength(request.path, 'latin1') <= MAX_URL);
        fc.pre(!/[^\u0021-\u00ff]/.test(request.path)); // node:http refuses to send these at all
        this.check(request, await this.send(request));
      }),
    );
  }
}

/** The API for the tests of the calling file: started before them (its catalog warm), removed after. */
export function useHostileApi(): HostileApi {
  const hostile = new HostileApi();
  before(() => hostile.start());
  after(() => hostile.close());
  return hostile;
}
