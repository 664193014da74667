/**
 * The Hugo integration as the docs tell a blogger to set it up, built by the
 * real `hugo` (Debian's; .ci/run installs it): the package as npm would
 * publish it in node_modules/, the docs' commands copying its files into the
 * site, the docs' configuration block in hugo.toml, the docs' head line in the
 * layout and the docs' shortcode lines in posts' Markdown. The generated pages are
 * then read as a browser would.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { blocksOf } from '../docs/doc-blocks.js';
import { ROOT, where } from '../docs/markdown.js';
import { installPacked } from '../package/packed.js';
import { runProgram } from '../support/run-program.js';
import { headAssets, readPage, writtenAttributes, type Page } from '../support/read-page.js';

const DIST = path.join(ROOT, 'dist');
const HOSTILE = `a"><script>alert(1)</script>`;

interface HugoRun {
  code: number | string;
  /** What hugo printed, both streams. */
  output: string;
  dir: string;
  page(post: string): Promise<Page>;
}

let workDir: string;
before(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'hugo-site-'));
});
after(() => rm(workDir, { recursive: true, force: true }));

let sites = 0;


/** A Hugo site laid out as docs/integrations.md says, built with `hugo`. */
async function buildSite(config: string, headLines: string[], posts: Record<string, string>): Promise<HugoRun> {
  const dir = path.join(workDir, `site-${++sites}`);
  await mkdir(dir);
  // What `npm install blog-photo-frame` gives, then the docs' own commands lay out the site.
  await installPacked(dir);
  for (const block of blocksOf('hugoFiles')) {
    const result = await runProgram('bash', ['-e', '-c', block.text], dir);
    assert.equal(result.code, 0, `${where(block)}: ${result.output}`);
  }
  await writeFile(path.join(dir, 'hugo.toml'), `baseURL = "https://blog.example.com/"\ntitle = "Field notes"\n${config}\n`);
  const baseof = `<!doctype html>\n<html lang="en">\n<head>\n<title>{{ .Title }}</title>\n${headLines.join('\n')}\n</head>\n<body>{{ block "main" . }}{{ end }}</body>\n</html>\n`;
  await mkdir(path.join(dir, 'layouts/_default'), { recursive: true });
  await writeFile(path.join(dir, 'layouts/_default/baseof.html'), baseof);
  for (const name of ['single', 'list']) await writeFile(path.join(dir, `layouts/_default/${name}.html`), '{{ define "main" }}{{ .Content }}{{ end }}\n');
  await mkdir(path.join(dir, 'content/posts'), { recursive: true });
  for (const [name, markdown] of Object.entries(posts)) {
    await writeFile(path.join(dir, `content/posts/${name}.md`), `---\ntitle: "${name}"\n---\n\nA post about the sea.\n\n${markdown}\n`);
  }
  // Hugo 0.111 logs its errors (a shortcode's errorf) on stdout, the summary on stderr.
  const { code, output } = await runProgram('hugo', ['--source', dir], dir);
  if (code === 'ENOENT') throw new Error('hugo is not installed: .ci/run installs it (apt-get install -y --no-install-recommends hugo)');
  return { code, output, dir, page: async (post) => readPage(await readFile(path.join(dir, `public/posts/${post}/index.html`), 'utf8')) };
}

/** The optional lines of a configuration block (`# key = …` after a comment sign) switched on. */
const withOptionalLines = (config: string) => config.replace(/^# (\w+ = .*?)(?: # .*)?$/gm, '$1');
const endpointOf = (config: string) => /^endpoint = "(.*)"/m.exec(config)![1]!;

describe('Hugo, set up as the docs say', () => {
  const configs = blocksOf('hugoConfig');
  const heads = blocksOf('hugoHead').map((b) => b.text.trim());
  const shortcodes = blocksOf('hugoShortcode');

  test('the docs show a configuration, the head line and shortcodes', () => {
    assert.ok(blocksOf('hugoFiles').length > 0 && configs.length > 0 && heads.length > 0 && shortcodes.length > 0);
  });

  for (const config of configs) {
    describe(`with the configuration of ${where(config)}`, () => {
      let site: HugoRun;
      before(async () => {
        const posts = Object.fromEntries(shortcodes.map((b, i) => [`post-${i}`, b.text.trim()]));
        site = await buildSite(config.text, heads, posts);
      });

      test('hugo builds the site', () => assert.equal(site.code, 0, site.output));

      for (const [i, shortcode] of shortcodes.entries()) {
        test(`the shortcode of ${where(shortcode)} becomes a <photo-frame> with its attributes and the site's endpoint`, async () => {
          const page = await site.page(`post-${i}`);
          assert.deepEqual(page.frames, [{ endpoint: endpointOf(config.text), ...writtenAttributes(shortcode.text) }]);
        });
      }

      test("the head loads the stylesheet and the element from static/assets/, served at the site's root", async () => {
        const { stylesheets, scripts } = headAssets(await site.page('post-0'));
        assert.deepEqual(stylesheets, ['/assets/photo-frame.css']);
        assert.equal(scripts[0], '/assets/photo-frame.js');
        for (const url of [...stylesheets, ...scripts]) {
          assert.deepEqual(await readFile(path.join(site.dir, 'public', url)), await readFile(path.join(DIST, path.basename(url))), url);
        }
        // The files the element loads from its own folder are beside it.
        for (const file of (await readdir(DIST)).filter((f) => /^photo-frame-[\w-]+\.js$/.test(f) && f !== 'photo-frame-sw.js')) {
          assert.ok(existsSync(path.join(site.dir, 'public/assets', file)), `public/assets/${file}`);
        }
      });

      test('the worker is at the site root and registered only when serviceWorker is on', async () => {
        const { serviceWorkers, scripts } = headAssets(await site.page('post-0'));
        const on = /^serviceWorker = true/m.test(config.text);
        assert.deepEqual(serviceWorkers, on ? ['/photo-frame-sw.js'] : []);
        assert.deepEqual(scripts.includes('/assets/photo-frame-register.js'), on);
        assert.deepEqual(await readFile(path.join(site.dir, 'public/photo-frame-sw.js')), await readFile(path.join(DIST, 'photo-frame-sw.js')));
        assert.ok(!existsSync(path.join(site.dir, 'public/assets/photo-frame-sw.js')), 'the worker is not left in assets/, where its scope would be /assets/');
      });
    });
  }

  test("the configuration's optional lines work when switched on: the worker, and the files from a CDN", async () => {
    const config = configs.find((c) => /^# assets = /m.test(c.text));
    assert.ok(config, 'a configuration block shows the optional assets line');
    const site = await buildSite(withOptionalLines(config.text), heads, { sea: shortcodes[0]!.text.trim() });
    assert.equal(site.code, 0, site.output);
    const cdn = /^# assets = "(.*)"/m.exec(config.text)![1]!;
    const { stylesheets, scripts, serviceWorkers } = headAssets(await site.page('sea'));
    assert.deepEqual(stylesheets, [`${cdn}/photo-frame.css`]);
    assert.deepEqual(scripts, [`${cdn}/photo-frame.js`, `${cdn}/photo-frame-register.js`]);
    assert.deepEqual(serviceWorkers, ['/photo-frame-sw.js'], 'the worker stays on the site');
  });

  test('attribute values are escaped: a quote ends nothing and markup stays text', async () => {
    const site = await buildSite(configs[0]!.text, heads, { hostile: `{{< photo-frame album=${JSON.stringify(HOSTILE)} >}}` });
    assert.equal(site.code, 0, site.output);
    const page = await site.page('hostile');
    assert.deepEqual(page.frames, [{ endpoint: endpointOf(configs[0]!.text), album: HOSTILE }]);
    assert.ok(!page.bodyTags.includes('script'), 'no script element in the post');
  });

  test('endpoint on the shortcode overrides the site', async () => {
    const site = await buildSite(configs[0]!.text, heads, { own: '{{< photo-frame endpoint="https://photos.example.org/photo" album="night" >}}' });
    assert.equal(site.code, 0, site.output);
    assert.deepEqual((await site.page('own')).frames, [{ endpoint: 'https://photos.example.org/photo', album: 'night' }]);
  });

  test('without an endpoint anywhere the build stops and says where to set it', async () => {
    const site = await buildSite('', heads, { none: '{{< photo-frame album="sea" >}}' });
    assert.notEqual(site.code, 0);
    assert.match(site.output, /\[params\.photoFrame\] endpoint = /);
  });
});
