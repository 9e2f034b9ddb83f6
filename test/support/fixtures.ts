import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** CashDesk-shaped payloads from ../shared/fixtures (beside the repository). */
const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.resolve(here, '../fixtures/cashdesk');

export const FIXTURE_NAMES = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8');
}

/** A fresh parsed copy of a fixture, to change freely in a test. */
export function fixture(name: string): Record<string, any> {
  return JSON.parse(fixtureText(name));
}

/** A fixture with a new uuid (and optional changes), as a distinct check. */
export function variant(name: string, uuid: string, patch: (c: Record<string, any>) => void = () => {}): Record<string, any> {
  const c = fixture(name);
  c.uuid = uuid;
  patch(c);
  return c;
}
