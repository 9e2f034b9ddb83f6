/**
 * Each PDF goes to the store statement as its own text parameter (store-statement.ts), and the
 * statement has PDF_SLOTS of them, so its text never varies; more checks with a PDF than that
 * take more than one statement.
 */

/** PDF parameters of the store statement: the group commit's batch (ingest-queue.ts) fits in one. */
export const PDF_SLOTS = 64;

/** The batch in order, cut into runs of at most PDF_SLOTS checks with a PDF each (one statement each). Pure. */
export function chunkByPdfs<T extends { check: { pdfBase64: string | null } }>(batch: readonly T[]): T[][] {
  const chunks: T[][] = [[]];
  let pdfs = 0;
  for (const entry of batch) {
    if (entry.check.pdfBase64 !== null && ++pdfs > PDF_SLOTS) {
      chunks.push([]);
      pdfs = 1;
    }
    chunks[chunks.length - 1]!.push(entry);
  }
  return chunks;
}
