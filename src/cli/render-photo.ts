import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { RESERVED_PREFIX } from '../format/photo-name.js';
import type { StoredVariant } from '../format/photo-record.js';
import { makePlaceholder } from './make-placeholder.js';

/** Where variants are stored: `_photo-frame/variants/<16 hex of the bytes' SHA-256>-<width>.webp`. */
export const VARIANT_PREFIX = `${RESERVED_PREFIX}variants/`;

export interface RenderOptions {
  /** Variant widths; only those narrower than the photo are made (never upscaled). */
  widths?: readonly number[];
  /** WebP quality of the variants. */
  quality?: number;
  /**
   * libwebp's effort, 0 to 6. The default, 4, makes smaller files than 2
   * at about twice the time: readers download variants far more often than
   * they are made.
   */
  effort?: number;
}

export const RENDER_DEFAULTS = { widths: [640, 1280, 2048], quality: 80, effort: 4 } as const;

/** An image from the raw pixels decoded once. */
const fromRaw = (data: Buffer, info: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): Sharp =>
  sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

export interface RenderedVariant extends StoredVariant {
  bytes: Buffer;
}

export interface Rendering {
  /** Narrowest first. */
  variants: RenderedVariant[];
  /** ThumbHash, base64. */
  placeholder: string;
}

/**
 * The responsive variants (WebP, upright, no metadata) and the ThumbHash of a
 * photo whose upright width is `width`. The photo is decoded once, at the
 * largest width needed; the other variants and the placeholder are made
 * from those pixels.
 */
export async function renderPhoto(bytes: Buffer, width: number, options: RenderOptions = {}): Promise<Rendering> {
  const { widths, quality, effort } = { ...RENDER_DEFAULTS, ...options };
  const wanted = [...new Set(widths)].filter((w) => Number.isInteger(w) && w > 0 && w < width).sort((a, b) => a - b);
  const upright = sharp(bytes).autoOrient().toColourspace('srgb');
  if (wanted.length === 0) return { variants: [], placeholder: await makePlaceholder(upright) };

  const widest = wanted[wanted.length - 1]!;
  const { data, info } = await upright.resize({ width: widest }).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const variants: RenderedVariant[] = [];
  for (const w of wanted) {
    const image = fromRaw(data, info);
    const out = await (w === widest ? image : image.resize({ width: w })).webp({ quality, effort }).toBuffer();
    const hash = createHash('sha256').update(out).digest('hex').slice(0, 16);
    variants.push({ name: `${VARIANT_PREFIX}${hash}-${w}.webp`, width: w, type: 'image/webp', bytes: out });
  }
  return { variants, placeholder: await makePlaceholder(fromRaw(data, info)) };
}
