// The MD5 and CRC32C that Cloud Storage keeps for each object and checks on upload.
import { createHash } from 'node:crypto';

export interface Hashes { md5: string; crc32c: string }

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78); GCS sends it base64 of 4 bytes big-endian.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32c(buf: Buffer): string {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}

/** Both hashes of `data`, base64 as GCS sends them. */
export const computeHashes = (data: Buffer): Hashes => ({ md5: createHash('md5').update(data).digest('base64'), crc32c: crc32c(data) });

const hashCache = new WeakMap<Buffer, Hashes>(); // one shared seed buffer is hashed once

/** An object's hashes, computed on first use, so that seeding does no hashing at all. */
export function objectHashes(o: { data: Buffer; hashes?: Hashes }): Hashes {
  o.hashes ??= hashCache.get(o.data) ?? computeHashes(o.data);
  hashCache.set(o.data, o.hashes);
  return o.hashes;
}
