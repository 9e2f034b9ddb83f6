import { describe, expect, it } from 'vitest';
import { chunkByPdfs, PDF_SLOTS } from '../../../src/features/ingest/pdf-chunks.js';

const entry = (n: number, pdf: boolean) => ({ n, check: { pdfBase64: pdf ? 'JVBERi0=' : null } });

describe('chunkByPdfs', () => {
  it('keeps a batch with at most PDF_SLOTS PDFs whole, however many checks without one', () => {
    const batch = Array.from({ length: PDF_SLOTS * 2 }, (_, n) => entry(n, n % 2 === 0));
    expect(chunkByPdfs(batch)).toEqual([batch]);
    expect(chunkByPdfs([])).toEqual([[]]);
  });

  it('cuts before the PDF one past each PDF_SLOTS, keeping the order and every check', () => {
    const batch = Array.from({ length: PDF_SLOTS * 2 + 3 }, (_, n) => entry(n, true));
    const chunks = chunkByPdfs(batch);
    expect(chunks.map((c) => c.length)).toEqual([PDF_SLOTS, PDF_SLOTS, 3]);
    expect(chunks.flat()).toEqual(batch);
  });

  it('a check without a PDF stays in the chunk it comes in', () => {
    const batch = [...Array.from({ length: PDF_SLOTS }, (_, n) => entry(n, true)), entry(PDF_SLOTS, false), entry(PDF_SLOTS + 1, true)];
    expect(chunkByPdfs(batch).map((c) => c.map((e) => e.n).at(-1))).toEqual([PDF_SLOTS, PDF_SLOTS + 1]);
  });
});
