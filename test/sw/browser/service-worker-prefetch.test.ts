// The photo-frame service worker in Chromium, fetching a pick ahead (`prefetch`):
// answered at once with its image cached, and only when the request does not
// exclude it. Same setup as service-worker.test.ts: a worker per test
// (support/worker.ts), a namespace of its own on the photo server, everything
// removed after each test.
import { expect } from '@open-wc/testing';
import type { PhotoList } from '../../../src/contract.js';
import { RECENT_LIMIT } from '../../../src/element/recent-photos.js';
import { readAlbum, roundProblems } from '../../support/shuffle-bag.js';
import { cacheKeys, cleanUp, freshNamespace, loadImage, pick, settle, testWorker, type Namespace } from './support/worker.js';

describe('photo-frame service worker, picks fetched ahead', () => {
  let n: Namespace;
  beforeEach(async () => (n = await freshNamespace()));
  afterEach(cleanUp);

  it('fetches a fresh pick ahead with its image, and answers the next request with it at once', async () => {
    const c = await testWorker(n, { prefetch: true });
    const first = await pick(n.api);
    expect(first.source).to.equal(null); // from the network
    await loadImage(first.body.url, true);
    await settle();
    const log = await n.log();
    // The pick fetched ahead excluded the photo seen, and its image is cached before any page asks for it.
    const ahead = log.filter((l) => l.includes('/api/')).at(-1)!;
    expect(ahead).to.contain(`exclude=${encodeURIComponent(first.body.id)}`);
    const next = await pick(n.api, { exclude: first.body.id });
    expect(next.source).to.equal('prefetch');
    expect(next.body.id).not.to.equal(first.body.id);
    expect(next.body.offline).to.equal(undefined);
    expect(await cacheKeys(c.images)).to.include(next.body.url);
    await settle();
    // The network fails: at most the pick already fetched ahead is served, then the offline answers.
    await n.control({ down: true });
    const a = await pick(n.api, { exclude: [first.body.id, next.body.id].join(',') });
    await settle();
    const b = await pick(n.api, { exclude: [first.body.id, next.body.id].join(',') });
    expect(a.source === 'prefetch' ? b.source : a.source).to.equal('offline');
  });

  it('answers with a pick fetched ahead only when the request does not exclude it: a reader still goes in rounds', async function () {
    this.timeout(20000);
    await testWorker(n, { prefetch: true });
    const answers: { exclude: readonly string[]; id: string; source: string | null }[] = [];
    const shown = await readAlbum(20, RECENT_LIMIT, async (exclude) => {
      const { body, source } = await pick(n.api, exclude.length > 0 ? { exclude: exclude.join(',') } : {});
      answers.push({ exclude, id: body.id, source });
      // The pick ahead is fetched before the next request: every run makes the same requests.
      await settle();
      return body.id;
    });
    const ahead = answers.filter((a) => a.source === 'prefetch');
    expect(ahead.length, 'answers fetched ahead').to.be.at.least(5);
    expect(ahead.filter((a) => a.exclude.includes(a.id)), 'fetched ahead, yet excluded').to.deep.equal([]);
    const album = ((await (await fetch(new URL('photos', n.api), { credentials: 'omit' })).json()) as PhotoList).photos.map((p) => p.id);
    expect(album).to.have.length(5);
    expect(roundProblems(shown, album, RECENT_LIMIT)).to.deep.equal([]);
  });
});
