import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const BLOCK_BYTES = 1024 * 1024;

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
  const dir = await mkdtemp(join(tmpdir(), 'export-part-'));
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
