/**
 * The uncompressed size of each entry of a zip (an xlsx is one), read from the zip's
 * central directory without inflating anything. This is what lets Wardlens refuse a sheet
 * too large to read safely *before* SheetJS tries (and, on very large sheets, silently
 * returns an empty one).
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

/** Entry name → uncompressed bytes, or null when the buffer is not a zip at all. */
export function zipEntrySizes(zip: Buffer): Map<string, number> | null {
  const end = findEndRecord(zip);
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const sizes = new Map<string, number>();
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return null;
    const uncompressed = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    // 0xFFFFFFFF marks a zip64 entry: at least 4 GiB, far past anything we would read.
    sizes.set(name, uncompressed === 0xffffffff ? Number.MAX_SAFE_INTEGER : uncompressed);
    offset += 46 + nameLength + extraLength + commentLength;
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
