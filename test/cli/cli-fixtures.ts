/**
 * What the upload tests share: a folder of real photos made with sharp (EXIF
 * with GPS and orientation, XMP with places, sidecars, bad files), and
 * checks on what was published.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp, { type Sharp } from 'sharp';
import type { UploadEvent } from '../../src/cli/upload-event.js';
import { MANIFEST_NAME } from '../../src/format/manifest.js';

/** Where the photos were "taken": what must never be published. */
export const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 30/1', GPSAltitude: '35/1' };
export const PLACE = { city: 'Lyme Regis', location: 'Cobb Harbour' };

/** XMP with a description, alt text, a GPS position and place names (as Lightroom writes them). */
export function xmpPacket(description: string, alt?: string): string {
  return (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"' +
    ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">' +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${description}</rdf:li></rdf:Alt></dc:description>` +
    (alt ? `<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">${alt}</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>` : '') +
    `<exif:GPSLatitude>50,43.5N</exif:GPSLatitude><exif:GPSLongitude>2,56.1W</exif:GPSLongitude>` +
    `<photoshop:City>${PLACE.city}</photoshop:City><Iptc4xmpCore:Location>${PLACE.location}</Iptc4xmpCore:Location>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}

export interface FixtureSpec {
  width: number;
  height: number;
  format?: 'jpeg' | 'png' | 'webp';
  colour?: string;
  orientation?: number;
  ifd0?: Record<string, string>;
  exif?: Record<string, string>;
  gps?: boolean;
  xmp?: string;
  sidecar?: Record<string, unknown> | string;
  /** The file's modification time. */
  mtime?: Date;
}

/** A gradient with some texture (flat colour would make every variant identical in size). */
async function pixels(width: number, height: number, colour: string): Promise<Sharp> {
  const base = sharp({ create: { width, height, channels: 3, background: colour } });
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0.6"/><stop offset="1" stop-color="#000" stop-opacity="0.4"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 3}" r="${Math.min(width, height) / 5}" fill="#f80"/></svg>`,
  );
  return sharp(await base.composite([{ input: stripes }]).png().toBuffer());
}

/** Writes a photo made to `spec` at `dir/name` (folders created) and returns its bytes. */
export async function writePhoto(dir: string, name: string, spec: FixtureSpec): Promise<Buffer> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  let image = await pixels(spec.width, spec.height, spec.colour ?? '#3a7bd5');
  if (spec.orientation) image = image.withMetadata({ orientation: spec.orientation });
  if (spec.ifd0 || spec.exif || spec.gps) image = image.withExif({ IFD0: spec.ifd0 ?? {}, IFD2: spec.exif ?? {}, ...(spec.gps ? { IFD3: GPS } : {}) });
  if (spec.xmp) image = image.withXmp(spec.xmp);
  const bytes = await image.toFormat(spec.format ?? 'jpeg').toBuffer();
  await fs.writeFile(file, bytes);
  if (spec.sidecar !== undefined) await fs.writeFile(`${file}.json`, typeof spec.sidecar === 'string' ? spec.sidecar : JSON.stringify(spec.sidecar));
  if (spec.mtime) await fs.utimes(file, spec.mtime, spec.mtime);
  return bytes;
}

export const FILE_TIME = new Date('2021-05-04T03:02:01Z');

/** The photos of the standard library, by id, with what must be published for each. */
export const LIBRARY = {
  'harbour.jpg': {
    spec: {
      width: 1400, height: 900, gps: true, xmp: xmpPacket('XMP says harbour'),
      ifd0: { ImageDescription: 'EXIF says harbour', Make: 'Canon', Model: 'EOS R5', Artist: 'A. Photographer', Copyright: 'CC0' },
      exif: { DateTimeOriginal: '2020:01:01 10:00:00', OffsetTimeOriginal: '+01:00', FNumber: '28/10', ExposureTime: '1/250', ISOSpeedRatings: '200' },
      sidecar: { caption: 'The harbour’s last light', alt: 'Boats at a stone quay', date: '2024-06-01T21:40:00+02:00' },
    } satisfies FixtureSpec,
    expect: {
      width: 1400, height: 900, caption: 'The harbour’s last light', alt: 'Boats at a stone quay', date: '2024-06-01T21:40:00+02:00', variants: [640, 1280],
      details: { camera: 'EOS R5', aperture: 2.8, exposureTime: 0.004, iso: 200 },
    },
  },
  'mountains/sideways.jpg': {
    spec: {
      width: 1000, height: 700, orientation: 6, gps: true,
      ifd0: { ImageDescription: 'Told by EXIF' }, exif: { DateTimeOriginal: '2023:02:03 04:05:06', OffsetTimeOriginal: '-05:00' },
    } satisfies FixtureSpec,
    expect: { width: 700, height: 1000, caption: 'Told by EXIF', date: '2023-02-03T04:05:06-05:00', variants: [640] },
  },
  'mountains/xmp-only.jpg': {
    spec: { width: 500, height: 400, xmp: xmpPacket('Caption from XMP', 'Alt from XMP'), colour: '#2a9d8f' } satisfies FixtureSpec,
    expect: { width: 500, height: 400, caption: 'Caption from XMP', alt: 'Alt from XMP', variants: [] },
  },
  'mountains/ridge.png': {
    spec: { width: 300, height: 200, format: 'png', gps: true, ifd0: { ImageDescription: 'A ridge' }, colour: '#e76f51' } satisfies FixtureSpec,
    expect: { width: 300, height: 200, caption: 'A ridge', variants: [] },
  },
  'sea/lake.webp': {
    spec: { width: 700, height: 400, format: 'webp', gps: true, colour: '#264653', sidecar: { caption: 'A lake' } } satisfies FixtureSpec,
    expect: { width: 700, height: 400, caption: 'A lake', variants: [640] },
  },
  'sea/plain.jpg': {
    spec: { width: 200, height: 150, colour: '#f4a261', mtime: FILE_TIME } satisfies FixtureSpec,
    expect: { width: 200, height: 150, variants: [] },
  },
} as const;

export type LibraryId = keyof typeof LIBRARY;
export const LIBRARY_IDS = Object.keys(LIBRARY).sort() as LibraryId[];

/** Files in the folder that are not published, and why (substrings of the reason). */
export const BAD_FILES = {
  'notes.txt': { failed: false, reason: 'not a photo' },
  'raw/IMG_0001.heic': { failed: false, reason: 'unsupported format (.heic)' },
  'empty.jpg': { failed: true, reason: 'is empty (0 bytes)' },
  'not-an-image.jpg': { failed: true, reason: 'is not an image' },
  'broken.jpg': { failed: true, reason: 'cannot be decoded' },
  'really-a-png.jpg': { failed: true, reason: 'is a PNG image named .jpg: rename it to really-a-png.png' },
  'bad-sidecar.jpg': { failed: true, reason: 'sidecar bad-sidecar.jpg.json is not valid JSON' },
} as const;

/** Writes the library's photos into a new temporary folder and returns it. */
export async function makeLibrary(options: { bad?: boolean } = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-upload-src-'));
  for (const id of LIBRARY_IDS) await writePhoto(dir, id, LIBRARY[id].spec);
  await fs.writeFile(path.join(dir, '.DS_Store'), 'hidden files are ignored');
  if (options.bad) {
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not a photo');
    await fs.mkdir(path.join(dir, 'raw'));
    await fs.writeFile(path.join(dir, 'raw/IMG_0001.heic'), 'an iPhone photo');
    await fs.writeFile(path.join(dir, 'empty.jpg'), '');
    await fs.writeFile(path.join(dir, 'not-an-image.jpg'), 'hello, I am text');
    const noisy = await sharp(Buffer.from(Array.from({ length: 120 * 90 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 120, height: 90, channels: 3 } }).jpeg().toBuffer();
    await fs.writeFile(path.join(dir, 'broken.jpg'), noisy.subarray(0, Math.floor(noisy.length / 2)));
    await fs.writeFile(path.join(dir, 'really-a-png.jpg'), await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).png().toBuffer());
    await writePhoto(dir, 'bad-sidecar.jpg', { width: 100, height: 100, sidecar: '{"caption": "unterminated' });
  }
  return dir;
}

/** Asserts that no GPS tag, XMP position or place name is in the bytes. */
export async function assertNoLocation(bytes: Buffer, name: string): Promise<void> {
  assert.equal(await exifr.gps(bytes).catch(() => undefined), undefined, `${name}: exifr finds a GPS position`);
  const all = await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, mergeOutput: false }).catch(() => undefined);
  assert.doesNotMatch(JSON.stringify(all ?? {}), /GPS|latitude|longitude|City|Location/i, `${name}: location tags remain`);
  for (const text of [PLACE.city, PLACE.location, '50,43.5N']) assert.equal(bytes.includes(text), false, `${name}: "${text}" is still in the file`);
}

/** Asserts that a source photo of the library does carry a location (so the test proves something). */
export async function assertHasLocation(bytes: Buffer, name: string): Promise<void> {
  const gps = await exifr.gps(bytes).catch(() => undefined);
  const webpExif = (await sharp(bytes).metadata()).exif;
  assert.ok(gps ?? (webpExif && (await exifr.gps(webpExif.subarray(6)))), `${name}: the test photo has no GPS to strip`);
}

/** Collects the events of a run. */
export function recorder(): { events: UploadEvent[]; onEvent: (event: UploadEvent) => void } {
  const events: UploadEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

/** A temporary folder, removed by the returned function. */
export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `photo-frame-${prefix}-`));
}

/** Every file under a folder (relative, `/`-separated), with its modification time. */
export async function files(dir: string): Promise<Map<string, number>> {
  const names = await fs.readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const found = new Map<string, number>();
  for (const name of names) {
    const stat = await fs.stat(path.join(dir, name));
    if (stat.isFile()) found.set(name.split(path.sep).join('/'), stat.mtimeMs);
  }
  return found;
}

/** The lines of the manifest published in `dir`: its header, then one record a photo. */
export async function manifestLines(dir: string): Promise<Record<string, unknown>[]> {
  const text = await fs.readFile(path.join(dir, MANIFEST_NAME), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}
