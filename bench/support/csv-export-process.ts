/**
 * The process benchmark 10b measures (bench/export.ts benchCsvExport starts it with npm run
 * start:prod's node flags): another shop's webhook and the CSV export, as the parent asks.
 */
import { serveCsvExport } from '../export.js';

await serveCsvExport();
