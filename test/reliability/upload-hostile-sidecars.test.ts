/**
 * `blog-photo-frame upload` given malformed sidecars and ids it cannot
 * publish, to a folder and to the bucket
 * (test/reliability/support/hostile-upload.ts): not JSON, not UTF-8, an
 * array, null, wrong types, a date that is not one, a 1 MB caption, metadata
 * past Cloud Storage's limits; details that are huge, negative, not numbers,
 * not whole, of the wrong type, with a bidi control or a line break; an id
 * past 1,024 bytes. Each photo is reported by name with the reason and the
 * fix, the exit code is 1, nothing of it is written, the manifest is valid
 * JSON Lines naming only the good photos; what is accepted (a byte-order
 * mark, markup, details and their blanking, unknown fields, deep nesting) is
 * published as written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Photo, PhotoDetails } from '../../src/contract.js';
import type { TestApi } from '../support/start-api.js';
import { assertEnded, HostileUpload, KINDS, assertOnly, detailsOf, escape, kindName, listAll, manifestOf, reported, type Run } from './support/hostile-upload.js';

interface SidecarRow {
  photo: string;
  why: string;
  sidecar: string | Buffer;
  /** Refused: the reason after "<photo>: " matches. */
  refused?: RegExp;
  /** Published with exactly these (the width and height are always the file's). */
  published?: { caption?: string; alt?: string; date?: string } & PhotoDetails;
}

const HUGE = 'x'.repeat(1024 * 1024);
const MARKUP = { caption: '<img src=x onerror="alert(1)"><script>alert(`caption`)</script> & </p>', alt: '"><svg onload=alert(2)> \u202e' };
const DETAILS_MARKUP = { camera: '<script>alert(`camera`)</script>', lens: '"><img src=x onerror=alert(3)> &amp;' };
const TEXT_FIX = 'text of at most 100 characters, without control characters';
const LONG_ID = `${Array.from({ length: 5 }, (_, i) => `${i}`.repeat(250)).join('/')}/too-long.jpg`;
/** 611 characters, 1,211 bytes: Cloud Storage counts the bytes. */
const LONG_UTF8_ID = `${Array.from({ length: 5 }, () => '\u00e9'.repeat(120)).join('/')}/accents.jpg`;
const EXAMPLE = /e\.g\. \{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00\+02:00"\}/;

const SIDECAR_ROWS: SidecarRow[] = [
  {
    photo: 'good.jpg', why: 'a well-formed sidecar (the control row)',
    sidecar: JSON.stringify({ caption: 'Good', alt: 'A good photo', date: '2024-06-01T18:30:00+02:00' }),
    published: { caption: 'Good', alt: 'A good photo', date: '2024-06-01T18:30:00+02:00' },
  },
  {
    photo: 'not-json.jpg', why: 'not JSON', sidecar: '{"caption": "unterminated',
    refused: new RegExp(`^its sidecar not-json\\.jpg\\.json is not valid JSON \\(.+\\): fix it, ${EXAMPLE.source}$`),
  },
  {
    photo: 'empty-sidecar.jpg', why: 'an empty file', sidecar: '',
    refused: /^its sidecar empty-sidecar\.jpg\.json is not valid JSON \(.+\): fix it, e\.g\./,
  },
  {
    photo: 'array.jpg', why: 'a JSON array', sidecar: '[{"caption": "in a list"}]',
    refused: /^its sidecar array\.jpg\.json must hold a JSON object like \{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00\+02:00"\}$/,
  },
  { photo: 'null.jpg', why: 'null', sidecar: 'null', refused: /^its sidecar null\.jpg\.json must hold a JSON object like \{/ },
  {
    photo: 'caption-number.jpg', why: 'a caption that is a number', sidecar: '{"caption": 42}',
    refused: /^its sidecar caption-number\.jpg\.json has a "caption" that is a number, not text: write it in quotes, e\.g\. "caption": "…"$/,
  },
  {
    photo: 'alt-object.jpg', why: 'an alt that is an object', sidecar: '{"alt": {"en": "A boat"}}',
    refused: /^its sidecar alt-object\.jpg\.json has an "alt" that is an object, not text: write it in quotes, e\.g\. "alt": "…"$/,
  },
  {
    photo: 'date-words.jpg', why: 'a date that is not a date', sidecar: '{"caption": "Dated in words", "date": "last summer"}',
    refused: /^its sidecar date-words\.jpg\.json has a "date" that is not a date \("last summer"\): write it as ISO 8601, e\.g\. "date": "2024-06-01T18:30:00\+02:00"$/,
  },
  {
    photo: 'date-number.jpg', why: 'a date as milliseconds', sidecar: '{"date": 1717259400000}',
    refused: /^its sidecar date-number\.jpg\.json has a "date" that is not a date \(1717259400000\): write it as ISO 8601/,
  },
  {
    photo: 'huge-caption.jpg', why: 'a 1 MB caption', sidecar: JSON.stringify({ caption: HUGE }),
    refused: /^its sidecar huge-caption\.jpg\.json has a "caption" of 1,048,576 characters: at most 4,096 are published; shorten it$/,
  },
  {
    photo: 'latin1.jpg', why: 'saved in Latin-1, not UTF-8', sidecar: Buffer.from('{"caption": "Caf\u00e9 au bord de l\u2019eau"}', 'latin1'),
    refused: /^its sidecar latin1\.jpg\.json is not UTF-8 text: save it as UTF-8 \(in another encoding its accents would be published garbled\)$/,
  },
  {
    photo: 'utf16.jpg', why: 'saved as UTF-16 (Notepad\'s "Unicode")',
    sidecar: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"caption": "Sixteen bits"}', 'utf16le')]),
    refused: /^its sidecar utf16\.jpg\.json is not UTF-8 text: save it as UTF-8/,
  },
  {
    photo: LONG_ID, why: 'an id past 1,024 characters', sidecar: '{"caption": "Too deep"}',
    refused: /^cannot be published under the id ".+" \(ids are at most 1,024 bytes in UTF-8\): shorten its path or the album$/,
  },
  {
    photo: LONG_UTF8_ID, why: 'an id of 611 characters but 1,211 bytes', sidecar: '{"caption": "Too wide"}',
    refused: /^cannot be published under the id ".+" \(ids are at most 1,024 bytes in UTF-8\): shorten its path or the album$/,
  },
  {
    photo: 'wide-caption.jpg', why: 'a caption of 3,000 characters but 6,000 bytes (past Cloud Storage\'s 4 KiB per field)',
    sidecar: JSON.stringify({ caption: '\u00e9'.repeat(3000) }),
    refused: /^its caption takes 6,000 bytes in UTF-8 and Cloud Storage keeps at most 4,096 per field: shorten it$/,
  },
  {
    photo: 'wordy.jpg', why: 'a caption and an alt of 4,090 characters each (past Cloud Storage\'s 8 KiB per object)',
    sidecar: JSON.stringify({ caption: 'c'.repeat(4090), alt: 'a'.repeat(4090) }),
    refused: /^its metadata \(caption, alt and the rest\) takes [\d,]+ bytes in UTF-8 and Cloud Storage keeps at most 8,192 per photo: shorten the caption or the alt$/,
  },
  {
    photo: 'bom.jpg', why: 'a UTF-8 byte-order mark (Windows editors write one)', sidecar: '\ufeff{"caption": "Saved with a BOM"}',
    published: { caption: 'Saved with a BOM' },
  },
  {
    photo: 'markup.jpg', why: 'markup in the caption and alt', sidecar: JSON.stringify(MARKUP),
    published: MARKUP,
  },
  {
    photo: 'unknown-fields.jpg', why: 'fields the sidecar format does not have (a width as text)',
    sidecar: '{"caption": "Width stays the file\'s", "width": "wide", "height": -1, "id": "../../elsewhere.jpg"}',
    published: { caption: 'Width stays the file\'s' },
  },
  {
    photo: 'prototype.jpg', why: '"__proto__" and "constructor" keys',
    sidecar: '{"caption": "Own caption", "__proto__": {"alt": "polluted"}, "constructor": {"prototype": {"alt": "polluted"}}}',
    published: { caption: 'Own caption' },
  },
  {
    photo: 'null-fields.jpg', why: 'fields set to null (as absent)', sidecar: '{"caption": "Only a caption", "alt": null, "date": null}',
    published: { caption: 'Only a caption' },
  },
  {
    photo: 'details.jpg', why: 'the photographer\'s details, the exposure as a fraction',
    sidecar: JSON.stringify({ camera: 'X100V', lens: 'XF23mmF2 R WR', focalLength: 23, aperture: 2, exposureTime: '1/500', iso: 160 }),
    published: { camera: 'X100V', lens: 'XF23mmF2 R WR', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 },
  },
  {
    photo: 'details-markup.jpg', why: 'markup in the camera and lens', sidecar: JSON.stringify(DETAILS_MARKUP), published: DETAILS_MARKUP,
  },
  {
    photo: 'details-blank.jpg', why: 'details blanked with null and ""', sidecar: '{"caption": "No details", "camera": null, "lens": "", "iso": null}',
    published: { caption: 'No details' },
  },
  {
    photo: 'camera-huge.jpg', why: 'a 1 MB camera', sidecar: JSON.stringify({ camera: HUGE }),
    refused: new RegExp(`^its sidecar camera-huge\\.jpg\\.json has a "camera" that cannot be published \\("${'x'.repeat(59)}…\\): write ${TEXT_FIX}, e\\.g\\. "camera": "X100V", or null to publish none$`),
  },
  {
    photo: 'lens-bidi.jpg', why: 'a right-to-left override in the lens (shown escaped)', sidecar: JSON.stringify({ lens: 'XF23\u202eRW' }),
    refused: new RegExp(`^its sidecar lens-bidi\\.jpg\\.json has a "lens" that cannot be published \\("XF23\\\\u202eRW"\\): write ${TEXT_FIX}`),
  },
  {
    photo: 'camera-control.jpg', why: 'a line break in the camera', sidecar: JSON.stringify({ camera: 'X100V\nSerial 1234' }),
    refused: /^its sidecar camera-control\.jpg\.json has a "camera" that cannot be published \("X100V\\nSerial 1234"\)/,
  },
  {
    photo: 'camera-number.jpg', why: 'a camera that is a number', sidecar: '{"camera": 100}',
    refused: /^its sidecar camera-number\.jpg\.json has a "camera" that cannot be published \(100\): write text/,
  },
  {
    photo: 'iso-negative.jpg', why: 'a negative ISO', sidecar: '{"iso": -160}',
    refused: /^its sidecar iso-negative\.jpg\.json has an "iso" that cannot be published \(-160\): write a whole number from 1 to 10,000,000, e\.g\. "iso": 160, or null to publish none$/,
  },
  {
    photo: 'iso-fraction.jpg', why: 'an ISO that is not whole', sidecar: '{"iso": 160.5}',
    refused: /^its sidecar iso-fraction\.jpg\.json has an "iso" that cannot be published \(160\.5\): write a whole number/,
  },
  {
    photo: 'iso-text.jpg', why: 'an ISO written with its unit', sidecar: '{"iso": "ISO 160"}',
    refused: /^its sidecar iso-text\.jpg\.json has an "iso" that cannot be published \("ISO 160"\): write a whole number/,
  },
  {
    photo: 'aperture-nan.jpg', why: 'an aperture "NaN" (JSON has no NaN)', sidecar: '{"aperture": "NaN"}',
    refused: /^its sidecar aperture-nan\.jpg\.json has an "aperture" that cannot be published \("NaN"\): write an f-number from 0\.3 to 1,000, e\.g\. "aperture": 2\.8, or null to publish none$/,
  },
  {
    photo: 'focal-huge.jpg', why: 'a focal length of 1e400 (Infinity once read)', sidecar: '{"focalLength": 1e400}',
    refused: /^its sidecar focal-huge\.jpg\.json has a "focalLength" that cannot be published \(Infinity\): write millimetres from 0\.1 to 10,000/,
  },
  {
    photo: 'exposure-object.jpg', why: 'an exposure time that is an object', sidecar: '{"exposureTime": {"seconds": 0.002}}',
    refused: /^its sidecar exposure-object\.jpg\.json has an "exposureTime" that cannot be published \(\{"seconds":0\.002\}\): write seconds from 0\.000001 to 86,400, e\.g\. "exposureTime": "1\/500" or 0\.002/,
  },
  {
    photo: 'deep-nesting.jpg', why: 'an extra field nested 100,000 deep',
    sidecar: `{"caption": "Deeply annotated", "notes": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    published: { caption: 'Deeply annotated' },
  },
];

let files: HostileUpload;

before(async () => {
  files = await HostileUpload.start();
  for (const row of SIDECAR_ROWS) await files.photo(row.photo, row.sidecar);
  files.assertPixelsDistinct();
});

after(() => files?.close());

for (const kind of KINDS) {
  describe(`malformed sidecars and refused ids, ${kindName(kind)}`, () => {
    const good = SIDECAR_ROWS.filter((r) => r.published).map((r) => r.photo).sort();
    const refused = SIDECAR_ROWS.filter((r) => r.refused);
    let run: Run;
    let contents: Map<string, Buffer>;
    let api: TestApi;
    let photos: Photo[];

    before(async () => {
      const upload = await files.uploadTo(kind);
      ({ run, contents } = upload);
      api = await upload.target.startApi();
      photos = await listAll(api);
    });
    after(() => api?.close());

    test('the run ends with exit code 1, the count of failures and the fix, and no stack trace', () => {
      assertEnded(run, 1, good.length);
      assert.match(run.stdout, new RegExp(`failed +${refused.length}\\n`));
      assert.match(run.stdout, new RegExp(`${refused.length} photos failed: fix them and run the command again \\(the others are published\\)\\.\\n$`));
      assert.doesNotMatch(run.stdout, /\n\s+at .+:\d+:\d+\)?\n|TypeError|RangeError|SyntaxError: /, 'no stack trace or raw error name');
    });

    test('nothing of a refused photo is written; the manifest is valid JSON Lines naming only the good photos', () => {
      assertOnly(contents, good, kind);
      assert.deepEqual(manifestOf(contents).map((p) => p.id), good);
      assert.deepEqual(photos.map((p) => p.id).sort(), good, 'the API lists the good photos only');
    });

    test('the good photos load byte for byte through the API', async () => {
      for (const photo of photos) await files.assertLoads(photo, contents);
    });

    for (const row of SIDECAR_ROWS) {
      test(`${row.why}: ${row.refused ? 'refused, by name, with the reason and the fix' : 'published as written'}`, () => {
        const name = row.photo.length > 60 ? `${row.photo.slice(0, 60)}…` : row.photo;
        if (row.refused) {
          const reason = reported(run.stdout, 'failed', row.photo);
          assert.ok(reason, `"failed     ${name}: …" is printed:\n${run.stdout.slice(0, 4000)}`);
          assert.match(reason, row.refused);
          assert.ok(new RegExp(`^ {6}${escape(row.photo)}: `, 'm').test(run.stdout), 'named again in the summary');
          return;
        }
        const photo = photos.find((p) => p.id === row.photo);
        assert.ok(photo, `${name} is published`);
        assert.deepEqual(
          { caption: photo.caption, alt: photo.alt, date: photo.date, width: photo.width, height: photo.height, ...detailsOf(photo) },
          { caption: undefined, alt: undefined, date: photo.date, ...row.published, width: 64, height: 48 },
        );
        const line = manifestOf(contents).find((p) => p.id === row.photo)!;
        assert.equal(line.caption, row.published!.caption, 'the manifest carries the same caption');
      });
    }
  });
}
