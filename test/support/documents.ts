import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ExportPartFile } from '../../src/features/exports/export-files.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';

/** A rendered document's bytes: its own, or its file's on disk (an export part). */
export function documentBytes(document: NonNullable<OutgoingMessage['document']>): Buffer {
  return 'bytes' in document ? document.bytes : readFileSync(document.path);
}

/** A built export part with its file's bytes read back; the file is removed (as after a send). */
export async function readPart(part: ExportPartFile): Promise<{ bytes: Buffer; checks: number; items: number }> {
  if (!('file' in part)) throw new Error(`expected a file, got one too big (${part.tooBigBytes} bytes)`);
  const bytes = readFileSync(part.file.path);
  expect(bytes.length).toBe(part.file.bytes);
  await part.file.remove();
  return { bytes, checks: part.checks, items: part.items };
}

/** A rendered message's document bytes, then the message released (its temporary file removed), as after its send. */
export async function readDocument(message: OutgoingMessage): Promise<Buffer> {
  try {
    return documentBytes(message.document!);
  } finally {
    await message.release?.();
  }
}
