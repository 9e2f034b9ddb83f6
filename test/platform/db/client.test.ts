import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrationsFolderFrom } from '../../../src/platform/db/client.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DRIZZLE = path.join(ROOT, 'drizzle');

describe('the migrations folder', () => {
  it('is the project root drizzle/ both from the sources (tsx) and from the compiled service (dist/)', () => {
    // The compiled module sits one folder deeper (dist/src/platform/db): start:prod and the
    // Docker image run it, and a wrong guess there fails every start with "Can't find meta/_journal.json".
    expect(existsSync(path.join(DRIZZLE, 'meta', '_journal.json'))).toBe(true);
    expect(migrationsFolderFrom(path.join(ROOT, 'src/platform/db'))).toBe(DRIZZLE);
    expect(migrationsFolderFrom(path.join(ROOT, 'dist/src/platform/db'))).toBe(DRIZZLE);
  });
});
