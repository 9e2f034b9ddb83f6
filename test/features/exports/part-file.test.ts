import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartFile, removeStalePartFolders } from '../../../src/features/exports/part-file.js';

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

  it('left-over part folders older than an hour are removed; a live part, a recently written one and anything not ours stay', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    /** A part folder as createPartFile leaves it, with the folder and its file last changed at the given times. */
    const leftOver = (name: string, folderAt: Date, fileAt: Date) => {
      const dir = join(root, name);
      mkdirSync(dir, { mode: 0o700 });
      writeFileSync(join(dir, 'part'), 'data;1\r\n');
      utimesSync(join(dir, 'part'), fileAt, fileAt);
      utimesSync(dir, folderAt, folderAt);
      return dir;
    };
    leftOver('export-part-Ab12Cd', hoursAgo(3), hoursAgo(3));
    leftOver('export-part-Ef34Gh', hoursAgo(2), hoursAgo(1.5));
    // Made long ago, but its file was written a minute ago: a slow build still going.
    leftOver('export-part-Ij56Kl', hoursAgo(3), hoursAgo(0.02));
    const live = await createPartFile(1000);
    // Not ours by name, or not a folder, or a link (its target is never followed).
    leftOver('export-partial-x', hoursAgo(3), hoursAgo(3));
    leftOver('other-Mn78Op', hoursAgo(3), hoursAgo(3));
    writeFileSync(join(root, 'export-part-Qr90St'), 'x');
    utimesSync(join(root, 'export-part-Qr90St'), hoursAgo(3), hoursAgo(3));
    const target = leftOver('target', hoursAgo(3), hoursAgo(3));
    symlinkSync(target, join(root, 'export-part-Uv12Wx'));

    expect(await removeStalePartFolders()).toBe(2);
    expect(readdirSync(root).sort()).toEqual(
      ['export-part-Ij56Kl', dirname(live.path).slice(root.length + 1), 'export-partial-x', 'other-Mn78Op', 'export-part-Qr90St', 'target', 'export-part-Uv12Wx'].sort(),
    );
    expect(readdirSync(target)).toEqual(['part']);
    await write(live, [Buffer.from('row\r\n')]);
    expect(readFileSync(live.path, 'utf8')).toBe('row\r\n');

    // An hour on, the live part's folder is left over too (its owner never removed it).
    expect(await removeStalePartFolders({ now: new Date(Date.now() + 2 * 3_600_000) })).toBe(2);
    expect(readdirSync(root).sort()).toEqual(['export-partial-x', 'other-Mn78Op', 'export-part-Qr90St', 'target', 'export-part-Uv12Wx'].sort());
  });
});
