// The test photo API itself (served by web-test-runner.config.mjs): if these
// fail, the element tests' failures say nothing about the element.
import { expect } from '@open-wc/testing';
import { isApiError, isPhoto, type Photo } from '../../src/contract.js';
import { apiRequests, clearRequests, endpoint, getPhoto, requests } from './support/api.js';

describe('test photo API', () => {
  beforeEach(clearRequests);

  it('answers ok with contract photos in a fixed rotation, with CORS and no-store', async () => {
    const res = await fetch(endpoint('ok'));
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    const first = (await res.json()) as Photo;
    expect(isPhoto(first)).to.be.true;
    expect(first.id).to.equal('harbour.jpg');
    expect(first.url).to.equal(`${location.origin}/test-api/img/1500x1000/steelblue`);
    expect(first.placeholder).to.match(/^[A-Za-z0-9+/]+=*$/);
    const second = (await getPhoto('ok')).body as Photo;
    expect(second.id).to.equal('forest/pine.jpg');
  });

  it('honours exclude and album, and logs every request', async () => {
    const { body } = await getPhoto('ok', '?exclude=harbour.jpg,forest/pine.jpg');
    expect((body as Photo).id).to.equal('square.png');
    const album = await getPhoto('ok', '?album=forest');
    expect((album.body as Photo).id).to.match(/^forest\//);
    const none = await getPhoto('ok', '?album=nowhere');
    expect(none.status).to.equal(404);
    const urls = await apiRequests();
    expect(urls.map((u) => u.searchParams.get('exclude'))).to.deep.equal(['harbour.jpg,forest/pine.jpg', null, null]);
    await clearRequests();
    expect(await requests()).to.deep.equal([]);
  });

  it('serves real PNGs of the asked size, and a 404 for the missing one', async () => {
    const img = new Image();
    img.crossOrigin = 'anonymous';
    img.src = '/test-api/img/300x200/crimson';
    await img.decode();
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([300, 200]);
    const res = await fetch('/test-api/img/300x200/crimson');
    expect(res.headers.get('content-type')).to.equal('image/png');
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    expect((await fetch('/test-api/img/missing')).status).to.equal(404);
  });

  it('error, empty, flaky and seq answer as documented', async () => {
    const error = await fetch(endpoint('error'));
    expect(error.status).to.equal(503);
    expect(error.headers.get('retry-after')).to.equal('1');
    const body = await error.json();
    expect(isApiError(body)).to.be.true;
    expect(body.error.code).to.equal('storage_unavailable');
    expect((await getPhoto('empty')).body).to.have.nested.property('error.code', 'no_photos');
    expect((await getPhoto('flaky/k1')).status).to.equal(503);
    expect((await getPhoto('flaky/k1')).status).to.equal(200);
    expect((await getPhoto('flaky', '?key=k2')).status).to.equal(503);
    const seq = [];
    for (let i = 0; i < 3; i++) seq.push((await getPhoto('seq/ok,broken-image')).body as Photo);
    expect(seq.map((p) => p.id)).to.deep.equal(['harbour.jpg', 'broken.jpg', 'broken.jpg']);
  });

  it('drop is a network error: fetch rejects', async () => {
    let failed: unknown;
    await fetch(endpoint('drop')).catch((error: unknown) => (failed = error));
    expect(failed).to.be.instanceOf(TypeError);
  });

  it('slow waits for its delay', async () => {
    const t0 = performance.now();
    expect((await getPhoto('slow/300')).status).to.equal(200);
    expect(performance.now() - t0).to.be.at.least(290);
  });

  it('special scenarios are valid photos', async () => {
    for (const s of ['markup', 'broken-image', 'offline', 'long', 'variants']) {
      const { status, body } = await getPhoto(s);
      expect(status, s).to.equal(200);
      expect(isPhoto(body), s).to.be.true;
    }
    const v = (await getPhoto('variants')).body as Photo;
    expect(v.variants).to.have.length(3);
    expect((await getPhoto('offline')).body).to.have.property('offline', true);
  });
});
