// The answer text written field by field (photoJson) is byte for byte the
// spread-then-stringify form it replaced, for any record the catalog can hold.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { photoJson } from '../../src/function/photo-json.js';
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
    placeholder: fc.base64String({ maxLength: 40 }),
    variants: fc.array(fc.record({ name: fc.string({ minLength: 1 }).map((s) => `_photo-frame/variants/${s}.webp`), width: fc.integer({ min: 1, max: 8000 }), type: fc.constant('image/webp') }), { maxLength: 3 }),
  },
  { requiredKeys: ['width', 'height'] },
);
const id = fc.string({ minLength: 1, maxLength: 60 }).map((s) => `${s.replace(/[/\\]/g, '_')}.jpg`);

test('photoJson writes exactly what JSON.stringify of the answer object would', () => {
  const url = (name: string) => `https://storage.googleapis.com/b/${encodeURIComponent(name)}`;
  fc.assert(
    fc.property(id, fields, (name, f) => {
      const record = toRecord(name, f);
      fc.pre(record !== undefined);
      assert.equal(photoJson(record!, url), reference(record!, url));
    }),
    { seed: 20261124, numRuns: 500 },
  );
});
