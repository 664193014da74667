// The answer text written field by field (photoJson) is byte for byte the
// spread-then-stringify form it replaced, for any record the catalog can hold.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { photoJson } from '../../src/function/photo-json.js';
import { DETAIL_FIELDS } from '../../src/photo-details.js';
import { toRecord, type PhotoRecord } from '../../src/format/photo-record.js';

/** The reference: the contract's Photo built as an object, then stringified. */
function reference(record: PhotoRecord, url: (name: string) => string): string {
  const { variants, ...rest } = record;
  return JSON.stringify({ ...rest, url: url(record.id), ...(variants ? { variants: variants.map((v) => ({ url: url(v.name), width: v.width, type: v.type })) } : {}) });
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"quoted"', 'back\\slash', 'line\nbreak', '\u2028\u2029', '</script>', '\ud800'));
const fields = fc.record(
  {
    width: fc.integer({ min: 1, max: 1_000_000 }),
    height: fc.integer({ min: 1, max: 1_000_000 }),
    caption: text,
    alt: text,
    date: fc.constantFrom('2024-06-01T18:30:00+02:00', '2023-02-03T04:05:06Z', 'not a date'),
    // The details, valid or not (toRecord drops what the contract refuses); numbers as JSON or as metadata text.
    camera: fc.oneof(text, fc.integer()),
    lens: text,
    focalLength: fc.oneof(fc.double(), fc.double({ min: 0.1, max: 10_000, noNaN: true }), fc.constantFrom('23', '4.25', '-1')),
    aperture: fc.oneof(fc.double(), fc.double({ min: 0.3, max: 1000, noNaN: true })),
    exposureTime: fc.oneof(fc.double(), fc.double({ min: 0.000_001, max: 86_400, noNaN: true }), fc.constantFrom('1/500', '1e-5', '0.002')),
    iso: fc.oneof(fc.integer(), fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('160', 160.5)),
    placeholder: fc.base64String({ maxLength: 40 }),
    variants: fc.array(fc.record({ name: fc.string({ minLength: 1 }).map((s) => `_photo-frame/variants/${s}.webp`), width: fc.integer({ min: 1, max: 8000 }), type: fc.constant('image/webp') }), { maxLength: 3 }),
  },
  { requiredKeys: ['width', 'height'] },
);
const id = fc.string({ minLength: 1, maxLength: 60 }).map((s) => `${s.replace(/[/\\]/g, '_')}.jpg`);

test('photoJson writes exactly what JSON.stringify of the answer object would', () => {
  const url = (name: string) => `https://storage.googleapis.com/b/${encodeURIComponent(name)}`;
  let withDetails = 0;
  fc.assert(
    fc.property(id, fields, (name, f) => {
      const record = toRecord(name, f);
      fc.pre(record !== undefined);
      if (DETAIL_FIELDS.some((field) => record![field] !== undefined)) withDetails++;
      assert.equal(photoJson(record!, url), reference(record!, url));
    }),
    { seed: 20261124, numRuns: 500 },
  );
  assert.ok(withDetails >= 100, `only ${withDetails} of the records had details: the property barely covered them`);
});
