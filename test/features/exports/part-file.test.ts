import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartFile } from '../../../src/features/exports/part-file.js';

/** An export part's temporary file: written through a 1 MiB block, in a private folder, removed on demand. */
describe('export part file', () => {
  const originalTmp = process.env.TMPDIR;
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'part-file-test-'));
    process.env.TMPDIR = root;
  });
  afterEach(() => {
    if (originalTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmp;
    rmSync(root, { recursive: true, force: true });
  });

  const write = async (part: Awaited<ReturnType<typeof createPartFile>>, chunks: Buffer[]) => {
    for (const chunk of chunks) if (!part.out.write(chunk)) await new Promise((resolve) => part.out.once('drain', resolve));
    part.out.end();
    await part.closed;
  };

  it('writes small and block-crossing chunks in order into a file of a 0700 folder of its own; remove deletes the folder', async () => {
    const part = await createPartFile(10 * 1024 * 1024);
    expect(dirname(dirname(part.path))).toBe(root);
    expect(statSync(dirname(part.path)).mode & 0o777).toBe(0o700);
    expect(statSync(part.path).mode & 0o077).toBe(0);
    // Many small chunks (as a CSV's rows come) and one larger than a block, crossing its edges.
    const chunks = [
      ...Array.from({ length: 5000 }, (_, i) => Buffer.from(`row ${i};текст\r\n`)),
      Buffer.alloc(1536 * 1024, 7),
      ...Array.from({ length: 300 }, (_, i) => Buffer.from(`tail ${i}\r\n`)),
    ];
    await write(part, chunks);
    const expected = Buffer.concat(chunks);
    expect(part.size).toBe(expected.length);
    expect(readFileSync(part.path).equals(expected)).toBe(true);
    await part.remove();
    expect(readdirSync(root)).toEqual([]);
  });

  it('past maxBytes keeps only the count: the file is emptied', async () => {
    const part = await createPartFile(1000);
    await write(part, Array.from({ length: 30 }, () => Buffer.alloc(100, 1)));
    expect(part.size).toBe(3000);
    expect(statSync(part.path).size).toBe(0);
    await part.remove();
    expect(readdirSync(root)).toEqual([]);
  });
});
