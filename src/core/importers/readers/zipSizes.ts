/**
 * The uncompressed size of each entry of a zip (an xlsx is one), read from the zip's
 * central directory without inflating anything. This is what lets Wardlens refuse a sheet
 * too large to read safely *before* SheetJS tries (and, on very large sheets, silently
 * returns an empty one).
 */

import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

/** One entry of a zip's central directory: where its data is and what it declares. */
interface DirectoryEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressed: number;
  declared: number;
  /** Offset of the entry's local header. */
  local: number;
}

/**
 * The central directory's entries in order, read lazily; a `null` marks a buffer that is not
 * a zip or a directory cut short, and ends the walk. Lazily, so that a caller stops at the
 * first entry it has an answer for, exactly where a damaged directory would have stopped it.
 */
function* directoryEntries(zip: Buffer): Generator<DirectoryEntry | null> {
  const end = findEndRecord(zip);
  if (end < 0) {
    yield null;
    return;
  }
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      yield null;
      return;
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    yield {
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressed: zip.readUInt32LE(offset + 20),
      declared: zip.readUInt32LE(offset + 24),
      local: zip.readUInt32LE(offset + 42),
    };
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
}

/** Where an entry's stored bytes start, past its local header; null when that header is not there. */
function dataStart(zip: Buffer, local: number): number | null {
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_ENTRY) return null;
  return local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
}

/** Entry name → uncompressed bytes, or null when the buffer is not a zip at all. */
export function zipEntrySizes(zip: Buffer): Map<string, number> | null {
  const sizes = new Map<string, number>();
  for (const entry of directoryEntries(zip)) {
    if (!entry) return null;
    // 0xFFFFFFFF marks a zip64 entry: at least 4 GiB, far past anything we would read.
    sizes.set(entry.name, entry.declared === 0xffffffff ? Number.MAX_SAFE_INTEGER : entry.declared);
  }
  return sizes;
}

function findEndRecord(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= earliest; i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}

/**
 * The first entry whose data does not match what the zip's directory declares, or null when
 * every entry does. A zip bomb can declare a few KB for a sheet that inflates to gigabytes;
 * the size guard trusts the declared sizes, so each entry is inflated here with its declared
 * size as a hard limit (never further), before SheetJS inflates anything. Costs one extra
 * inflate of a workbook that is what it says it is; the entries `keepIf` picks are put in
 * `keep` once checked, so that they need not be inflated again.
 */
export function misdeclaredEntry(zip: Buffer, keep?: Map<string, Buffer>, keepIf?: (name: string) => boolean): { name: string; problem: 'larger' | 'damaged' } | null {
  for (const entry of directoryEntries(zip)) {
    if (!entry) return null;
    const { name, method, compressed, declared } = entry;
    const start = dataStart(zip, entry.local);
    if (start === null || start + compressed > zip.length) return { name, problem: 'damaged' };
    const data = zip.subarray(start, start + compressed);
    let content: Buffer | null = null;
    if (method === 0) {
      if (compressed !== declared) return { name, problem: compressed > declared ? 'larger' : 'damaged' };
      content = data;
    } else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, declared) });
      } catch (err) {
        return { name, problem: (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'larger' : 'damaged' };
      }
      if (content.length !== declared) return { name, problem: 'damaged' };
    }
    if (content && !wholeXml(name, content)) return { name, problem: 'damaged' };
    // The streaming reader would inflate a large sheet again: it is handed this one instead.
    if (content && keep && keepIf?.(name)) keep.set(name, content);
  }
  return null;
}

/** A sheet's or the shared strings' XML must end with its closing tag: SheetJS reads a part cut short as an empty sheet. */
function wholeXml(name: string, content: Buffer): boolean {
  const root = /^xl\/worksheets\/[^/]+\.xml$/i.test(name) ? 'worksheet' : /^xl\/sharedStrings\.xml$/i.test(name) ? 'sst' : null;
  if (!root) return true;
  const tail = content.toString('utf8', Math.max(0, content.length - 256)).trimEnd();
  return new RegExp(`</([A-Za-z_][\\w.-]*:)?${root}>$`).test(tail);
}

/**
 * One entry's stored bytes (still compressed) and how they are compressed (0 stored, 8
 * deflated), located through the central directory, or null when the zip has no such entry.
 */
export function zipEntryData(zip: Buffer, entry: string): { method: number; data: Buffer } | null {
  for (const found of directoryEntries(zip)) {
    if (!found) return null;
    if (found.name !== entry) continue;
    const start = dataStart(zip, found.local);
    return start === null ? null : { method: found.method, data: zip.subarray(start, start + found.compressed) };
  }
  return null;
}
