import { lstat, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const BLOCK_BYTES = 1024 * 1024;
/** The folders' names under the OS temp directory: this prefix and mkdtemp's six characters. */
const PART_FOLDER_PREFIX = 'export-part-';
const PART_FOLDER = /^export-part-[A-Za-z0-9]{6}$/;
/**
 * A part's folder untouched this long is left over: a part is written and sent within minutes
 * (a send that fails builds the file anew), so one this old belongs to no live export of any
 * process on the machine.
 */
const STALE_PART_AGE_MS = 60 * 60 * 1000;

/**
 * An export part's file on disk while it waits for its send: in a private folder of its own
 * (mkdtemp: mode 0700) under the OS temp directory, so a part (up to Telegram's 50 MB) is never
 * held whole in memory. Rows come as small chunks; they gather in one 1 MiB block that is written
 * out when full (the writer waits meanwhile). Past `maxBytes` nothing more is written, only
 * counted. `remove` deletes the folder; the owner calls it once the file is sent or not.
 */
export interface PartFile {
  readonly path: string;
  /** Bytes written to `out` so far (also past `maxBytes`). */
  readonly size: number;
  readonly out: Writable;
  /** Resolves once `out` has finished and the file is closed. */
  readonly closed: Promise<void>;
  remove(): Promise<void>;
}

export async function createPartFile(maxBytes: number): Promise<PartFile> {
  const dir = await mkdtemp(join(tmpdir(), PART_FOLDER_PREFIX));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'part');
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (err) {
    await remove();
    throw err;
  }
  const fh = handle;
  const block = Buffer.allocUnsafe(BLOCK_BYTES);
  let used = 0;
  let size = 0;
  const flush = async () => {
    let offset = 0;
    while (offset < used) offset += (await fh.write(block, offset, used - offset)).bytesWritten;
    used = 0;
  };
  const take = async (chunk: Buffer) => {
    const before = size;
    size += chunk.length;
    if (size > maxBytes) {
      if (before <= maxBytes) await fh.truncate(0); // too large to send: only its size matters now
      used = 0;
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      const n = chunk.copy(block, used, offset);
      used += n;
      offset += n;
      if (used === block.length) await flush();
    }
  };
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      take(chunk).then(() => done(), done);
    },
    writev(chunks, done) {
      (async () => {
        for (const { chunk } of chunks) await take(chunk as Buffer);
      })().then(() => done(), done);
    },
    final(done) {
      (size <= maxBytes ? flush() : Promise.resolve()).then(() => done(), done);
    },
  });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  }).finally(() => fh.close());
  // Observed here; the builder awaits it too.
  closed.catch(() => {});
  return {
    path,
    get size() {
      return size;
    },
    out,
    closed,
    remove,
  };
}

/**
 * Removes the part folders that a process killed mid-export left under the OS temp directory:
 * folders of ours (by name, a real folder, not a link, owned by this user) whose folder and part
 * file were both last changed at least `olderThanMs` before `now`, so a live part of another
 * instance on the same machine is never touched. Answers how many it removed; one it cannot
 * read or remove is left for the next time.
 */
export async function removeStalePartFolders(options: { now?: Date; olderThanMs?: number; dir?: string } = {}): Promise<number> {
  const root = options.dir ?? tmpdir();
  const cutoff = (options.now ?? new Date()).getTime() - (options.olderThanMs ?? STALE_PART_AGE_MS);
  const uid = process.getuid?.();
  let removed = 0;
  for (const name of await readdir(root)) {
    if (!PART_FOLDER.test(name)) continue;
    const dir = join(root, name);
    try {
      const folder = await lstat(dir);
      if (!folder.isDirectory() || (uid !== undefined && folder.uid !== uid)) continue;
      const part = await lstat(join(dir, 'part')).catch(() => undefined);
      const lastChange = Math.max(folder.mtimeMs, part?.mtimeMs ?? 0);
      if (lastChange > cutoff) continue;
      await rm(dir, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}
