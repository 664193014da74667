/**
 * A JPEG's marker segments before its image data, found by walking the
 * marker structure (SOI, then APPn/DQT/SOF/... each with a 16-bit length,
 * until SOS). Nothing inside a segment is interpreted here: reading EXIF is
 * exifr's job.
 */
export interface JpegSegment {
  /** The marker's second byte: 0xE1 is APP1, 0xED APP13, 0xFE COM... */
  marker: number;
  /** The whole segment, marker and length included. */
  bytes: Buffer;
  /** The segment's payload (after the length). */
  payload: Buffer;
}

export interface JpegParts {
  /** Segments between SOI and the first SOS, in file order. */
  segments: JpegSegment[];
  /** From the first SOS to the end of the main image (its EOI included); what trails it is left out. */
  image: Buffer;
}

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;

/** Splits a JPEG into its header segments and its image data. Throws on a broken structure. */
export function jpegSegments(jpeg: Buffer): JpegParts {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI) throw new Error('not a JPEG file (no start-of-image marker)');
  const segments: JpegSegment[] = [];
  let at = 2;
  for (;;) {
    if (at + 4 > jpeg.length) throw new Error('corrupt JPEG: it ends before its image data');
    if (jpeg[at] !== 0xff) throw new Error(`corrupt JPEG: no marker at byte ${at}`);
    let markerAt = at;
    while (jpeg[markerAt + 1] === 0xff) markerAt++; // fill bytes
    const marker = jpeg[markerAt + 1]!;
    if (marker === SOS) {
      return { segments, image: jpeg.subarray(markerAt, endOfImage(jpeg, markerAt)) };
    }
    if (marker === SOI || marker === EOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      throw new Error(`corrupt JPEG: unexpected marker 0xFF${marker.toString(16).toUpperCase()} at byte ${markerAt}`);
    }
    const length = jpeg.readUInt16BE(markerAt + 2);
    const end = markerAt + 2 + length;
    if (length < 2 || end > jpeg.length) throw new Error(`corrupt JPEG: a segment at byte ${markerAt} runs past the end of the file`);
    segments.push({ marker, bytes: jpeg.subarray(at, end), payload: jpeg.subarray(markerAt + 4, end) });
    at = end;
  }
}

/**
 * The offset just after the main image's EOI marker. In entropy-coded data a
 * 0xFF byte is always followed by 0x00 (stuffing) or a restart marker, so the
 * first real EOI after SOS ends the image; without one, the whole rest is the image.
 */
function endOfImage(jpeg: Buffer, sos: number): number {
  let at = sos + 2;
  for (;;) {
    at = jpeg.indexOf(0xff, at);
    if (at < 0 || at + 1 >= jpeg.length) return jpeg.length;
    const next = jpeg[at + 1]!;
    if (next === EOI) return at + 2;
    at += next === 0xff ? 1 : 2;
  }
}

/** Puts header segments and image data back together as a JPEG. */
export function joinJpeg(segments: readonly Buffer[], image: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, SOI]), ...segments, image]);
}
