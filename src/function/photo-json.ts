import { DETAIL_FIELDS } from '../photo-details.js';
import type { PhotoRecord } from '../format/photo-record.js';

const q = JSON.stringify;

/**
 * A photo's answer (the contract's `Photo`) as JSON text, its stored names
 * turned into URLs by `url`: the same text as
 * `JSON.stringify({ ...record, url, variants: [{ url, width, type }] })`,
 * written field by field: a catalog load renders every photo, and the
 * intermediate objects of that form would live long enough to be promoted to
 * the old generation.
 */
export function photoJson(record: PhotoRecord, url: (name: string) => string): string {
  let json = `{"id":${q(record.id)},"width":${record.width},"height":${record.height}`;
  if (record.caption !== undefined) json += `,"caption":${q(record.caption)}`;
  if (record.alt !== undefined) json += `,"alt":${q(record.alt)}`;
  if (record.date !== undefined) json += `,"date":${q(record.date)}`;
  for (const field of DETAIL_FIELDS) if (record[field] !== undefined) json += `,"${field}":${q(record[field])}`;
  if (record.placeholder !== undefined) json += `,"placeholder":${q(record.placeholder)}`;
  json += `,"url":${q(url(record.id))}`;
  if (record.variants) {
    json += `,"variants":[${record.variants.map((v) => `{"url":${q(url(v.name))},"width":${v.width},"type":${q(v.type)}}`).join(',')}]`;
  }
  return `${json}}`;
}
