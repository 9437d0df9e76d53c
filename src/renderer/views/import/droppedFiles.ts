/**
 * Files out of a drop or a folder choice. police.uk downloads arrive as a folder of monthly
 * folders, so a dropped folder is walked to the bottom and its files taken; of a folder's
 * files only those the Import view reads are kept (a README or a hidden `.DS_Store` beside
 * the CSVs is no file to import). Files dropped or chosen one by one are all handed on, so a
 * wrong one is named in its own card rather than silently left out.
 */
import { byName, importable } from '../../../shared/importable';

/** The parts of the File and Directory Entries API that a walk needs (so a test can stand in for it). */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: DroppedEntry[]) => void, fail: (e: unknown) => void): void };
}

/** Every file in a dropped item, a folder's in name order (as a file manager lists them). */
export async function filesIn(entry: DroppedEntry, inFolder = false): Promise<File[]> {
  if (entry.isFile && entry.file) {
    if (inFolder && !importable(entry.name)) return [];
    const read = entry.file.bind(entry);
    return [await new Promise<File>((ok, fail) => read(ok, fail))];
  }
  if (!entry.isDirectory || !entry.createReader || entry.name.startsWith('.')) return [];
  const reader = entry.createReader();
  const children: DroppedEntry[] = [];
  // readEntries gives a folder's entries a batch at a time (100 in Chromium), then an empty batch.
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => byName(a.name, b.name));
  const nested = await Promise.all(children.map((c) => filesIn(c, true)));
  return nested.flat();
}

/** The files of a drop: folders walked, files as they are. Read while the drop event lasts. */
export function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  // The entries must be taken now: the browser empties the DataTransfer once the event is over.
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() as DroppedEntry | null | undefined);
  if (entries.length === 0 || entries.some((e) => !e)) return Promise.resolve([...transfer.files]);
  return Promise.all(entries.map((e) => filesIn(e!))).then((lists) => lists.flat());
}

/** A chosen folder's files (from `<input webkitdirectory>`): only those the Import view reads. */
export const filesOfFolder = (files: readonly File[]): File[] =>
  files
    .filter(
      (f) => importable(f.name) && !f.webkitRelativePath.split('/').some((part) => part.startsWith('.')),
    )
    .sort((a, b) => byName(a.webkitRelativePath, b.webkitRelativePath));
