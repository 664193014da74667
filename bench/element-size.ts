/**
 * The size of the built `dist/photo-frame.js` (raw, gzip -9, brotli), and
 * which modules its bytes come from, read from the bundle's own source map
 * (so it describes the very file that is measured, CSS folding included).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const BUNDLE = 'dist/photo-frame.js';

/** The files next to the bundle that it loads when a feature is first used (`import("./photo-frame-….js")`). */
export function elementChunks(root: string): string[] {
  const code = readFileSync(path.join(root, BUNDLE), 'utf8');
  return [...new Set([...code.matchAll(/import\(\s*["']\.\/([\w.-]+\.js)["']\s*\)/g)].map((m) => `dist/${m[1]}`))].sort();
}

export interface ModuleShare {
  /** An npm package (`lit-html`) or a file of this repo (`src/element/photo-frame-element.ts`). */
  module: string;
  /** Minified bytes attributed to it by the source map. */
  bytes: number;
  /** Share of the minified bundle. */
  share: number;
  /** gzip -9 of the bundle minus gzip -9 of the bundle without its bytes: what it costs gzipped. */
  gzipMarginal: number;
}

export interface BundleSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  mtime: string;
  /** Modules by minified bytes, largest first; `(unmapped)` is glue the source map gives to no source. */
  modules: ModuleShare[];
  /** The chunks the bundle loads later (elementChunks), each measured like the bundle. */
  chunks: { file: string; raw: number; gzip: number; brotli: number }[];
}

const gzip = (b: Buffer | string) => zlib.gzipSync(b, { level: 9 }).length;
const brotli = (b: Buffer) =>
  zlib.brotliCompressSync(b, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }).length;

/** Throws unless the bundle exists and is newer than every source of the element. */
export function assertBundleBuilt(root: string): void {
  const file = path.join(root, BUNDLE);
  if (!existsSync(file)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (the element benchmark measures the built bundle)`);
  const built = statSync(file).mtimeMs;
  const sources = [path.join(root, 'src/contract.ts'), ...readdirSync(path.join(root, 'src/element')).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, 'src/element', f))];
  const newer = sources.find((f) => statSync(f).mtimeMs > built);
  if (newer) throw new Error(`${path.relative(root, newer)} is newer than ${BUNDLE}: run \`npm run build\` first`);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line of source-map mappings into [generatedColumn, sourceIndex | -1] segments. */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number }> {
  let source = 0;
  let line = 0;
  for (const text of mappings.split(';')) {
    let column = 0;
    if (text) {
      for (const segment of text.split(',')) {
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (const ch of segment) {
          const digit = B64.indexOf(ch);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        column += values[0]!;
        if (values.length >= 4) {
          source += values[1]!;
          yield { line, column, source };
        } else {
          yield { line, column, source: -1 };
        }
      }
    }
    line++;
  }
}

function moduleOf(source: string): string {
  const normalized = source.replace(/\\/g, '/');
  const nm = normalized.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = normalized.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const src = normalized.indexOf('src/');
  return src >= 0 ? normalized.slice(src) : normalized;
}

/** Attributes each character of the bundle to a module through its source map. */
function attribute(code: string, map: { sources: string[]; mappings: string }): { owner: (string | null)[]; lines: string[] } {
  const lines = code.split('\n');
  const owner: (string | null)[] = new Array(code.length).fill(null);
  const lineStart: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStart.push(offset);
    offset += l.length + 1;
  }
  const all = [...segments(map.mappings)];
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!;
    const next = all[i + 1];
    const end = next && next.line === s.line ? next.column : lines[s.line]?.length ?? 0;
    if (s.source < 0) continue;
    const name = moduleOf(map.sources[s.source] ?? '(unknown)');
    for (let c = s.column; c < end; c++) owner[lineStart[s.line]! + c] = name;
  }
  return { owner, lines };
}

export function measureBundle(root: string): BundleSize {
  const file = path.join(root, BUNDLE);
  const bytes = readFileSync(file);
  const code = bytes.toString('utf8');
  const size: BundleSize = {
    file: BUNDLE,
    raw: bytes.length,
    gzip: gzip(bytes),
    brotli: brotli(bytes),
    mtime: statSync(file).mtime.toISOString(),
    modules: [],
    chunks: elementChunks(root).map((chunk) => {
      const b = readFileSync(path.join(root, chunk));
      return { file: chunk, raw: b.length, gzip: gzip(b), brotli: brotli(b) };
    }),
  };
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) return size;
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const { owner } = attribute(code, map);
  const byModule = new Map<string, number>();
  for (let i = 0; i < code.length; i++) {
    const name = owner[i] ?? '(unmapped)';
    // Bytes, not characters (the bundle may hold a few non-ASCII characters).
    byModule.set(name, (byModule.get(name) ?? 0) + Buffer.byteLength(code[i]!));
  }
  size.modules = [...byModule.entries()]
    .map(([module, n]) => {
      let without = '';
      for (let i = 0; i < code.length; i++) if ((owner[i] ?? '(unmapped)') !== module) without += code[i];
      return { module, bytes: n, share: n / bytes.length, gzipMarginal: size.gzip - gzip(without) };
    })
    .sort((a, b) => b.bytes - a.bytes);
  return size;
}
