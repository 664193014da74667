// The photographer's details through the storage format: what the contract's
// rule keeps, how stored text becomes values, how a sidecar overrides or blanks
// the camera's, and that old manifests and objects without them still read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { photoDetails } from '../../src/photo-details.js';
import { MANIFEST_NAME, parseManifest, serializeManifest } from '../../src/format/manifest.js';
import { toMetadata, toRecord } from '../../src/format/photo-record.js';
import { parseSidecar } from '../../src/format/sidecar.js';
import { exifDetails, mergeDetails, storedDetails } from '../../src/format/stored-details.js';

const X100V = { camera: 'X100V', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 };

async function* lines(...text: string[]): AsyncGenerator<string> {
  yield* text;
}

async function readManifest(text: string) {
  const out = [];
  for await (const record of parseManifest(lines(...text.split('\n')))) out.push(record);
  return out;
}

describe("the contract's rule for each detail", () => {
  // [field, value, kept]
  const rows: [string, unknown, boolean][] = [
    ['camera', 'X100V', true],
    ['camera', 'Canon EOS R5', true],
    ['camera', '<img src=x onerror=alert(1)>', true],
    ['camera', 'שקיעה', true],
    ['camera', 'c'.repeat(100), true],
    ['camera', 'c'.repeat(101), false],
    ['camera', '', false],
    ['camera', '   ', false],
    ['camera', 'X100V\n', false],
    ['camera', 'X\u0000V', false],
    ['camera', 'X\u0085V', false],
    ['camera', 'X100V \u202e', false],
    ['camera', '\u2067X100V', false],
    ['camera', 'X100V\u200f', false],
    ['camera', '\ud800X', false],
    ['camera', 42, false],
    ['camera', ['X100V'], false],
    ['camera', { model: 'X100V' }, false],
    ['camera', null, false],
    ['lens', 'XF23mmF2 R WR', true],
    ['lens', 'l'.repeat(101), false],
    ['focalLength', 23, true],
    ['focalLength', 4.25, true],
    ['focalLength', 0.1, true],
    ['focalLength', 10_000, true],
    ['focalLength', 0, false],
    ['focalLength', -23, false],
    ['focalLength', 10_001, false],
    ['focalLength', Number.NaN, false],
    ['focalLength', Number.POSITIVE_INFINITY, false],
    ['focalLength', '23', false],
    ['aperture', 2.8, true],
    ['aperture', 0.3, true],
    ['aperture', 0.29, false],
    ['aperture', 1001, false],
    ['aperture', true, false],
    ['exposureTime', 0.002, true],
    ['exposureTime', 30, true],
    ['exposureTime', 0.000_001, true],
    ['exposureTime', 0, false],
    ['exposureTime', -0.002, false],
    ['exposureTime', 86_401, false],
    ['iso', 160, true],
    ['iso', 1, true],
    ['iso', 10_000_000, true],
    ['iso', 160.5, false],
    ['iso', 0, false],
    ['iso', 10_000_001, false],
    ['iso', 1e308, false],
    ['iso', '160', false],
  ];
  for (const [field, value, kept] of rows) {
    test(`${field} ${JSON.stringify(value) ?? String(value)}: ${kept ? 'kept' : 'dropped, the others kept'}`, () => {
      const others = field === 'iso' ? { camera: 'X100V' } : { iso: 160 };
      assert.deepEqual(photoDetails({ ...others, [field]: value }), kept ? { ...others, [field]: value } : others);
    });
  }

  test('fields that are not details are never returned', () => {
    assert.deepEqual(photoDetails({ ...X100V, id: 'a.jpg', serialNumber: 'B999', LensSerialNumber: 'L1', owner: 'Jane' }), X100V);
  });
});

describe('details as stored', () => {
  test('custom metadata is all text: numbers are read from it, text trimmed', () => {
    assert.deepEqual(
      storedDetails({ camera: ' X100V ', focalLength: '23', aperture: '2.8', exposureTime: '0.002', iso: '160' }),
      { camera: 'X100V', focalLength: 23, aperture: 2.8, exposureTime: 0.002, iso: 160 },
    );
  });

  const numbers: [unknown, number | undefined][] = [
    ['1e-7', undefined], // below the range once read
    ['0.000125', 0.000125],
    ['1/500', 0.002],
    ['1/0', undefined],
    ['0x10', undefined],
    ['-5', undefined],
    ['', undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['2 ', 2],
    ['1e3', 1000],
  ];
  for (const [text, value] of numbers) {
    test(`exposureTime ${JSON.stringify(text)} as stored text: ${value ?? 'dropped'}`, () => {
      assert.deepEqual(storedDetails({ exposureTime: text }), value === undefined ? {} : { exposureTime: value });
    });
  }

  test("EXIF: exifr's tag names; text without the NULs EXIF pads it with; the first of several ISO values", () => {
    assert.deepEqual(
      exifDetails({ Model: 'X100V\0\0', LensModel: 'XF23mmF2 R WR', FocalLength: 23, FNumber: 2, ExposureTime: 0.002, ISO: [160, 320], SerialNumber: 'B999', LensSerialNumber: 'L1', OwnerName: 'Jane' }),
      { camera: 'X100V', lens: 'XF23mmF2 R WR', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 },
    );
    assert.deepEqual(exifDetails({ FNumber: Number.NaN, ExposureTime: Number.POSITIVE_INFINITY, ISO: 0, Model: '' }), {});
  });

  test('a sidecar replaces a detail with a value and blanks it with null or blank text; one it leaves out stays the camera\'s', () => {
    const camera = { camera: 'ILCE-7M3', lens: 'FE 24-70mm F2.8 GM', focalLength: 35, aperture: 8, exposureTime: 2, iso: 100 };
    const sidecar = parseSidecar({ caption: 'Dusk', camera: 'Sony A7 III', lens: null, iso: '', exposureTime: '1/250' }, 'a.jpg.json');
    assert.deepEqual(mergeDetails(camera, sidecar), { camera: 'Sony A7 III', focalLength: 35, aperture: 8, exposureTime: 0.004 });
    assert.deepEqual(mergeDetails(camera, parseSidecar({}, 'a.jpg.json')), camera);
  });

  test('a sidecar detail that is not valid is left out by the format (the upload command refuses it, with the fix)', () => {
    assert.deepEqual(parseSidecar({ caption: 'Dusk', iso: -5, camera: 'X\u202eV', aperture: 'f/2' }, 'a.jpg.json'), { caption: 'Dusk' });
  });
});

describe('records, metadata and the manifest', () => {
  test('a record keeps its details through custom metadata and the manifest, in the API\'s order', async () => {
    const record = toRecord('sea/a.jpg', { width: 60, height: 40, caption: 'Dusk', ...X100V, lens: 'XF23mmF2 R WR' })!;
    assert.deepEqual(Object.keys(record), ['id', 'width', 'height', 'caption', 'camera', 'lens', 'focalLength', 'aperture', 'exposureTime', 'iso']);
    const metadata = toMetadata(record);
    assert.deepEqual(
      { camera: metadata.camera, lens: metadata.lens, focalLength: metadata.focalLength, aperture: metadata.aperture, exposureTime: metadata.exposureTime, iso: metadata.iso },
      { camera: 'X100V', lens: 'XF23mmF2 R WR', focalLength: '23', aperture: '2', exposureTime: '0.002', iso: '160' },
    );
    assert.deepEqual(toRecord('sea/a.jpg', metadata), record);
    assert.deepEqual(await readManifest(serializeManifest([record])), [record]);
  });

  test('a bad detail in custom metadata or a manifest line is dropped, never the photo', async () => {
    const metadata = { width: '60', height: '40', camera: 'x'.repeat(5000), iso: '-1', aperture: 'wide', focalLength: '23' };
    assert.deepEqual(toRecord('a.jpg', metadata), { id: 'a.jpg', width: 60, height: 40, focalLength: 23 });
    // 1e400 is Infinity once parsed (JSON.stringify would write it as null: the line is written by hand).
    const line = JSON.stringify({ id: 'a.jpg', width: 60, height: 40, camera: { model: 'X' }, lens: '\u202eevil', iso: 0, exposureTime: null, aperture: 2 }).replace('"iso":0', '"iso":1e400');
    assert.deepEqual(await readManifest(`{"photoFrameManifest":1,"generatedAt":"2024-01-01T00:00:00Z","count":1}\n${line}\n`), [
      { id: 'a.jpg', width: 60, height: 40, aperture: 2 },
    ]);
  });

  test(`an old ${MANIFEST_NAME} line and old object metadata, without details, read as before`, async () => {
    const old = { id: 'sea/old.jpg', width: 1600, height: 1067, caption: 'The harbour', date: '2024-06-01T21:40:00+02:00', placeholder: 'HBkSHYSIeHiPiHh8eJd4eIfwdoB3' };
    const manifest = `{"photoFrameManifest":1,"generatedAt":"2024-01-01T00:00:00.000Z","count":1}\n${JSON.stringify(old)}\n`;
    assert.deepEqual(await readManifest(manifest), [old]);
    const metadata = { width: '1600', height: '1067', caption: 'The harbour', date: old.date, placeholder: old.placeholder, sourcehash: 'abc' };
    assert.deepEqual(toRecord(old.id, metadata), old);
  });
});
