import sharp, { type Metadata } from 'sharp';
import { exifSegment } from './exif-segment.js';
import { joinJpeg, jpegSegments, type JpegSegment } from './jpeg-segments.js';
import type { ExifTags } from './read-photo-metadata.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export interface StripLocationOptions {
  format: ImageFormat;
  /** What sharp read from the photo's header. */
  metadata: Metadata;
  /** The EXIF tags to keep (never a location). */
  keep: ExifTags;
}

const startsWith = (payload: Buffer, text: string) => payload.subarray(0, text.length).toString('latin1') === text;

/** Segments that carry (or may carry) a location: EXIF (with its GPS IFD), XMP, IPTC; and MPF, whose images are dropped. */
function dropped(segment: JpegSegment): boolean {
  const { marker, payload } = segment;
  if (marker === 0xe1) return startsWith(payload, 'Exif\0') || startsWith(payload, 'http://ns.adobe.com/xap/1.0/\0') || startsWith(payload, 'http://ns.adobe.com/xmp/extension/\0');
  if (marker === 0xed) return startsWith(payload, 'Photoshop 3.0\0');
  if (marker === 0xe2) return startsWith(payload, 'MPF\0');
  return false;
}

/**
 * The photo as it is published by default: without GPS or any other
 * location. A JPEG keeps its compressed image data byte for byte: its EXIF,
 * XMP and IPTC segments are replaced by one new EXIF segment holding only the
 * descriptive tags (orientation, dates, camera, caption, copyright), and the
 * extra images of a multi-picture file (which carry their own metadata) are
 * left out. Other formats with metadata are re-encoded without it (PNG and
 * lossless WebP losslessly) and turned upright; without metadata they are
 * published as they are.
 */
export async function stripLocation(bytes: Buffer, options: StripLocationOptions): Promise<Buffer> {
  const { format, metadata, keep } = options;
  if (format === 'jpeg') {
    const { segments, image } = jpegSegments(bytes);
    const exif = await exifSegment(keep, {
      width: metadata.width,
      height: metadata.height,
      orientation: metadata.orientation ?? 1,
      ...(metadata.density ? { density: metadata.density } : {}),
    });
    const kept = segments.filter((s) => !dropped(s));
    // APP0 (JFIF) stays first; EXIF follows it.
    let leading = 0;
    while (leading < kept.length && kept[leading]!.marker === 0xe0) leading++;
    return joinJpeg([...kept.slice(0, leading).map((s) => s.bytes), exif, ...kept.slice(leading).map((s) => s.bytes)], image);
  }
  if (!metadata.exif && !metadata.xmp && !metadata.iptc) return bytes;
  const animated = (metadata.pages ?? 1) > 1;
  let image = sharp(bytes, { animated }).keepIccProfile();
  if (!animated) image = image.autoOrient();
  switch (format) {
    case 'png':
      return image.png({ compressionLevel: 9 }).toBuffer();
    case 'webp':
      return image.webp(isLosslessWebp(bytes) ? { lossless: true } : { quality: 90 }).toBuffer();
    case 'avif':
      return image.avif({ quality: 80 }).toBuffer();
    case 'gif':
      return image.gif().toBuffer();
  }
}

/** True when a WebP's (first) image is VP8L, the lossless coding: walks the RIFF chunks, one level into animation frames. */
function isLosslessWebp(bytes: Buffer): boolean {
  const walk = (from: number, to: number): boolean | undefined => {
    for (let at = from; at + 8 <= to; ) {
      const fourcc = bytes.toString('latin1', at, at + 4);
      const size = bytes.readUInt32LE(at + 4);
      if (fourcc === 'VP8L') return true;
      if (fourcc === 'VP8 ') return false;
      if (fourcc === 'ANMF') {
        const inner = walk(at + 8 + 16, Math.min(to, at + 8 + size));
        if (inner !== undefined) return inner;
      }
      at += 8 + size + (size & 1);
    }
    return undefined;
  };
  return walk(12, bytes.length) ?? false;
}
