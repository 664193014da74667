import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isPhoto } from '../../src/contract.js';
import { ConfigError, DEFAULT_PHOTOS_DIR, parseConfig, type Config } from '../../src/function/parse-config.js';
import { spawnFunction } from '../../scripts/spawn-function.js';

describe('parseConfig', () => {
  test('defaults run the embedded local store with no cloud account', () => {
    assert.deepEqual(parseConfig({}), {
      store: 'local',
      photosDir: DEFAULT_PHOTOS_DIR,
      urlMode: 'public',
      signedUrlWindowS: 3600,
      catalogTtlS: 60,
      staleIfErrorS: 86_400,
      allowedOrigins: '*',
    } satisfies Config);
    assert.match(DEFAULT_PHOTOS_DIR, /demo[/\\]photos$/);
  });

  const valid: [string, NodeJS.ProcessEnv, Partial<Config>][] = [
    ['a bucket', { BUCKET: 'my-photos' }, { store: 'gcs', bucket: 'my-photos' }],
    ['signed URLs', { BUCKET: 'my-photos', URL_MODE: 'signed', SIGNED_URL_WINDOW_S: '600' }, { urlMode: 'signed', signedUrlWindowS: 600 }],
    ['a CDN', { PUBLIC_BASE_URL: 'https://photos.example.com/' }, { publicBaseUrl: 'https://photos.example.com' }],
    ['origins', { ALLOWED_ORIGINS: 'https://a.example, https://b.example' }, { allowedOrigins: ['https://a.example', 'https://b.example'] }],
    ['timings', { CATALOG_TTL_S: '5', STALE_IF_ERROR_S: '0' }, { catalogTtlS: 5, staleIfErrorS: 0 }],
    ['a photo folder', { PHOTOS_DIR: 'some/dir' }, { photosDir: path.resolve('some/dir') }],
    ['the project', { GOOGLE_CLOUD_PROJECT: 'my-project' }, { projectId: 'my-project' }],
    ['a Cloud Storage emulator', { STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9023/' }, { storageEmulatorHost: 'http://127.0.0.1:9023' }],
    ['an emulator without a scheme, as the client library does', { STORAGE_EMULATOR_HOST: 'localhost:9023' }, { storageEmulatorHost: 'https://localhost:9023' }],
    ['Cloud Run', { K_SERVICE: 'photo' }, { metadataServer: 'metadata.google.internal' }],
    ['another metadata server', { K_SERVICE: 'photo', GCE_METADATA_HOST: '127.0.0.1:8999' }, { metadataServer: '127.0.0.1:8999' }],
  ];
  for (const [name, env, expected] of valid) {
    test(`reads ${name}`, () => {
      const config = parseConfig(env);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(config[key as keyof Config], value, key);
    });
  }

  const invalid: [NodeJS.ProcessEnv, RegExp][] = [
    [{ BUCKET: 'gs://my-photos' }, /BUCKET.*without gs:\/\//],
    [{ BUCKET: 'Upper' }, /BUCKET.*lowercase/],
    [{ URL_MODE: 'private' }, /URL_MODE.*"public".*"signed"/],
    [{ URL_MODE: 'signed' }, /URL_MODE=signed needs BUCKET/],
    [{ CATALOG_TTL_S: 'soon' }, /CATALOG_TTL_S.*whole number of seconds, at least 1/],
    [{ CATALOG_TTL_S: '0' }, /CATALOG_TTL_S/],
    [{ STALE_IF_ERROR_S: '-1' }, /STALE_IF_ERROR_S/],
    [{ BUCKET: 'b-1', SIGNED_URL_WINDOW_S: '400000' }, /SIGNED_URL_WINDOW_S.*7 days/],
    [{ PUBLIC_BASE_URL: 'photos.example.com' }, /PUBLIC_BASE_URL.*not a URL.*https:\/\//],
    [{ PUBLIC_BASE_URL: 'ftp://photos.example.com' }, /PUBLIC_BASE_URL.*https:\/\//],
    [{ ALLOWED_ORIGINS: 'https://blog.example/path' }, /ALLOWED_ORIGINS.*origin only/],
  ];
  for (const [env, message] of invalid) {
    test(`refuses ${JSON.stringify(env)} with a message that says how to fix it`, () => {
      assert.throws(() => parseConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message));
    });
  }
});

describe('start-up', () => {
  test('the functions framework loads package.json "main" as target "photo"; a bad setting stops it with the fix', async () => {
    const started = spawnFunction({ port: 0, env: { URL_MODE: 'sometimes' }, stdout: 'ignore' });
    await assert.rejects(started, /exited \(code [1-9]\d*\)[^]*URL_MODE="sometimes" is not valid: use "public"/);
  });

  test('with good settings it serves photos from the built function', async () => {
    const api = await spawnFunction({ port: 0, stdout: 'ignore' });
    try {
      const response = await fetch(`${api.url}/`);
      assert.equal(response.status, 200);
      assert.ok(isPhoto(await response.json()));
    } finally {
      await api.stop();
    }
  });
});
