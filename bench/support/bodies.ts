import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/cashdesk');

/** A real-looking PDF of about `bytes` bytes (a valid header and trailer around filler). */
export function pdfOfSize(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n% bench filler\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length - tail.length)), tail]);
}

/**
 * A sale-cash check with a ~30 KB PDF, as a template for autocannon: `[<id>]` is replaced by a
 * fresh id in every request (idReplacement), so each request is a new check.
 */
export function checkTemplate(pdfBytes = 30 * 1024): string {
  const body = JSON.parse(readFileSync(path.join(fixturesDir, 'sale-cash.json'), 'utf8')) as Record<string, unknown>;
  body.uuid = 'bench-[<id>]';
  body.pdf = pdfOfSize(pdfBytes).toString('base64');
  return JSON.stringify(body);
}
