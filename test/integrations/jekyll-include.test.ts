/**
 * The Jekyll includes as the docs tell a blogger to use them (copied into a
 * site's folder by the docs' own commands, from the package as npm would
 * publish it), rendered by a real Liquid engine (liquidjs, with Jekyll's include semantics: a literal
 * file name from _includes/, its parameters under `include.`): the docs'
 * `_config.yml` block as `site`, the docs' head line in a layout's <head> and
 * the docs' include lines in a page's body. Then the page is read as a browser
 * would.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { Liquid } from 'liquidjs';
import { parse as parseYaml } from 'yaml';
import { blocksOf } from '../docs/doc-blocks.js';
import { ROOT, where } from '../docs/markdown.js';
import { installPacked } from '../package/packed.js';
import { runProgram } from '../support/run-program.js';
import { headAssets, readPage, writtenAttributes } from '../support/read-page.js';

// The site's folder, laid out by the docs' own commands from the package as npm would publish it.
const site = await mkdtemp(path.join(os.tmpdir(), 'jekyll-site-'));
await installPacked(site);
const layout = await Promise.all(
  blocksOf('jekyllFiles').map(async (block) => ({ block, ...(await runProgram('bash', ['-e', '-c', block.text], site)) })),
);
after(() => rm(site, { recursive: true, force: true }));

const engine = new Liquid({
  root: [path.join(site, '_includes')],
  // Jekyll: `{% include photo-frame.html album="sea" %}`, unquoted file name, parameters as include.*.
  jekyllInclude: true,
  dynamicPartials: false,
  // A filter Jekyll has and plain Liquid lacks would fail here instead of rendering nothing.
  strictFilters: true,
});


interface JekyllConfig {
  photo_frame: { endpoint?: string; service_worker?: boolean; assets?: string };
  baseurl?: string;
}

/** A page whose layout has the head lines and whose content is `body`, rendered with `site` from `_config.yml`. */
async function render(config: JekyllConfig, headLines: string[], body: string) {
  const layout = `<!doctype html>\n<html lang="en">\n<head>\n<title>Field notes</title>\n${headLines.join('\n')}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
  return readPage(await engine.parseAndRender(layout, { site: { baseurl: '', ...config } }));
}

/** The optional lines of a `_config.yml` block (`# key: …` after a comment sign) switched on. */
const withOptionalLines = (config: string) => config.replace(/^(\s+)# (\w+: \S+)(?: # .*)?$/gm, '$1$2');

describe('Jekyll, set up as the docs say', () => {
  const configs = blocksOf('jekyllConfig');
  const heads = blocksOf('jekyllHead').map((b) => b.text.trim());
  const includes = blocksOf('jekyllInclude');

  test('the docs show the commands that copy the files, a configuration, the head line and includes', () => {
    assert.ok(layout.length > 0 && configs.length > 0 && heads.length > 0 && includes.length > 0);
  });

  test("the docs' commands put the includes in _includes/, the element's files in assets/ and the worker next to _config.yml", async () => {
    for (const { block, code, output } of layout) assert.equal(code, 0, `${where(block)}: ${output}`);
    const dist = path.join(ROOT, 'dist');
    assert.deepEqual((await readdir(path.join(site, '_includes'))).sort(), (await readdir(path.join(ROOT, 'integrations/jekyll/_includes'))).sort());
    const element = (await readdir(dist)).filter((f) => (/^photo-frame.*\.js$/.test(f) && f !== 'photo-frame-sw.js') || f === 'photo-frame.css');
    assert.deepEqual((await readdir(path.join(site, 'assets'))).sort(), element.sort());
    assert.deepEqual(await readFile(path.join(site, 'photo-frame-sw.js')), await readFile(path.join(dist, 'photo-frame-sw.js')));
  });

  for (const block of configs) {
    const config = parseYaml(block.text) as JekyllConfig;
    describe(`with the _config.yml of ${where(block)}`, () => {
      for (const include of includes) {
        test(`the include of ${where(include)} becomes a <photo-frame> with its attributes and the site's endpoint`, async () => {
          const page = await render(config, heads, include.text);
          assert.deepEqual(page.frames, [{ endpoint: config.photo_frame.endpoint, ...writtenAttributes(include.text) }]);
        });
      }

      test('the head loads the stylesheet and the element from assets/, and the worker from the root only when service_worker is on', async () => {
        const { stylesheets, scripts, serviceWorkers } = headAssets(await render(config, heads, ''));
        const on = config.photo_frame.service_worker === true;
        assert.deepEqual(stylesheets, ['/assets/photo-frame.css']);
        assert.deepEqual(scripts, ['/assets/photo-frame.js', ...(on ? ['/assets/photo-frame-register.js'] : [])]);
        assert.deepEqual(serviceWorkers, on ? ['/photo-frame-sw.js'] : []);
      });
    });
  }

  test("a site under a baseurl gets its head lines and worker under it", async () => {
    const config = parseYaml(configs.at(-1)!.text) as JekyllConfig;
    const { stylesheets, scripts, serviceWorkers } = headAssets(await render({ ...config, photo_frame: { ...config.photo_frame, service_worker: true }, baseurl: '/blog' }, heads, ''));
    assert.deepEqual(stylesheets, ['/blog/assets/photo-frame.css']);
    assert.deepEqual(scripts, ['/blog/assets/photo-frame.js', '/blog/assets/photo-frame-register.js']);
    assert.deepEqual(serviceWorkers, ['/blog/photo-frame-sw.js']);
  });

  test("the configuration's optional lines work when switched on: the files from a CDN, the worker from the site", async () => {
    const block = configs.find((c) => /^\s+# assets: /m.test(c.text));
    assert.ok(block, 'a _config.yml block shows the optional assets line');
    const config = parseYaml(withOptionalLines(block.text)) as JekyllConfig;
    const cdn = config.photo_frame.assets!;
    assert.match(cdn, /^https:\/\//);
    const { stylesheets, scripts, serviceWorkers } = headAssets(await render(config, heads, ''));
    assert.deepEqual(stylesheets, [`${cdn}photo-frame.css`]);
    assert.deepEqual(scripts, [`${cdn}photo-frame.js`, `${cdn}photo-frame-register.js`]);
    assert.deepEqual(serviceWorkers, ['/photo-frame-sw.js']);
  });

  test('attribute values are escaped: a quote ends nothing and markup stays text', async () => {
    const hostile = `a"><script>alert(1)</script>`;
    const page = await render({ photo_frame: { endpoint: 'https://api.example.com/photo' } }, heads, `{% include photo-frame.html album='${hostile}' %}`);
    assert.deepEqual(page.frames, [{ endpoint: 'https://api.example.com/photo', album: hostile }]);
    assert.ok(!page.bodyTags.includes('script'));
  });

  test('endpoint on the include overrides the site', async () => {
    const page = await render({ photo_frame: { endpoint: 'https://api.example.com/photo' } }, heads, '{% include photo-frame.html endpoint="https://photos.example.org/photo" album="night" %}');
    assert.deepEqual(page.frames, [{ endpoint: 'https://photos.example.org/photo', album: 'night' }]);
  });
});
