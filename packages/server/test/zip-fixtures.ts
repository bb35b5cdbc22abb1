import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import unzipper from 'unzipper';

/**
 * Hostile .xlsx files for the import limits, built in the test (nothing big is committed): a zip
 * writer that takes already-deflated bytes, so a part can inflate to hundreds of MB while the
 * test holds only its ~1 MB compressed form, and can make its central directory lie.
 */
export interface ZipEntrySpec {
  name: string;
  /** Plain content, deflated here. */
  data?: Buffer | string;
  /** Content already deflated (raw deflate), with its inflated size and CRC-32. */
  deflated?: Deflated;
  /** The inflated size written in the headers instead of the real one (a lying directory). */
  declaredSize?: number;
}
export interface Deflated {
  bytes: Buffer;
  size: number;
  crc: number;
}

export function deflated(data: Buffer | string): Deflated {
  const buf = Buffer.from(data);
  return { bytes: deflateRawSync(buf), size: buf.length, crc: crc32(buf) };
}

/** head + unit × times + tail, deflated as a stream: the inflated text never exists in memory. */
export async function deflatedRepeat(head: string, unit: string, times: number, tail: string): Promise<Deflated> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve, reject) => z.on('end', resolve).on('error', reject));
  let size = 0;
  let crc = 0;
  const put = async (b: Buffer) => {
    size += b.length;
    crc = crc32(b, crc);
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  };
  await put(Buffer.from(head));
  // About 1 MB per write.
  const per = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(unit)));
  const block = Buffer.from(unit.repeat(per));
  let left = times;
  for (; left >= per; left -= per) await put(block);
  if (left > 0) await put(Buffer.from(unit.repeat(left)));
  await put(Buffer.from(tail));
  z.end();
  await ended;
  return { bytes: Buffer.concat(out), size, crc };
}

/**
 * A zip archive of the entries (deflated, UTF-8 names). `claimEntries` writes zip64 end records
 * that declare that many entries (the real directory is unchanged).
 */
export function zipOf(entries: ZipEntrySpec[], opts: { claimEntries?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const d = e.deflated ?? deflated(e.data ?? '');
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? d.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(d.crc >>> 0, 14);
    local.writeUInt32LE(d.bytes.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, d.bytes);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(d.crc >>> 0, 16);
    cd.writeUInt32LE(d.bytes.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + d.bytes.length;
  }
  const cdBytes = Buffer.concat(central);
  const tail: Buffer[] = [];
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  if (opts.claimEntries !== undefined) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the rest of the record
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(opts.claimEntries), 24);
    record.writeBigUInt64LE(BigInt(opts.claimEntries), 32);
    record.writeBigUInt64LE(BigInt(cdBytes.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cdBytes.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
    eocd.writeUInt16LE(0xffff, 8);
    eocd.writeUInt16LE(0xffff, 10);
    eocd.writeUInt32LE(0xffffffff, 12);
    eocd.writeUInt32LE(0xffffffff, 16);
  } else {
    eocd.writeUInt16LE(entries.length, 8);
    eocd.writeUInt16LE(entries.length, 10);
    eocd.writeUInt32LE(cdBytes.length, 12);
    eocd.writeUInt32LE(offset, 16);
  }
  return Buffer.concat([...locals, cdBytes, ...tail, eocd]);
}

/** The parts of a (small, trusted) .xlsx in archive order, to rebuild it with a part replaced. */
export async function partsOf(xlsx: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await unzipper.Open.buffer(xlsx);
  return Promise.all(zip.files.filter((f) => f.type === 'File').map(async (f) => ({ name: f.path, data: await f.buffer() })));
}

/** The workbook with its parts replaced (by name) or added. */
export async function withParts(xlsx: Buffer, replace: ZipEntrySpec[], opts: { claimEntries?: number } = {}): Promise<Buffer> {
  const parts = await partsOf(xlsx);
  const byName = new Map(replace.map((r) => [r.name, r]));
  const kept: ZipEntrySpec[] = parts.map((p) => byName.get(p.name) ?? { name: p.name, data: p.data });
  for (const r of replace) if (!parts.some((p) => p.name === r.name)) kept.push(r);
  return zipOf(kept, opts);
}

const SST_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** xl/sharedStrings.xml of `count` strings: string i is text(i). */
export function sharedStringsXml(count: number, text: (i: number) => string): string {
  const parts = [`${SST_HEAD.replace('<sst ', `<sst count="${count}" uniqueCount="${count}" `)}`];
  for (let i = 0; i < count; i++) parts.push(`<si><t>${text(i)}</t></si>`);
  parts.push('</sst>');
  return parts.join('');
}

/** A shared-strings part of `times` copies of one long string, deflated (~400 MB → ~1 MB for 400,000 × 1 KB). */
export const sharedStringsBomb = (times: number, unit = `<si><t>${'炸'.repeat(330)}</t></si>`) =>
  deflatedRepeat(SST_HEAD.replace('<sst ', `<sst count="${times}" uniqueCount="${times}" `), unit, times, '</sst>');
