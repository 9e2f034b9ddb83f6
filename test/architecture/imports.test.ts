import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One direction through the house (docs/architecture.md): walks every import of src/ (static
 * imports, `export … from`, dynamic `import()`, type-only ones too), maps each file to its room,
 * and fails on
 *   - an import of main.ts or service.ts (the wiring; nothing imports it);
 *   - platform/ importing a feature or a door (the platform knows no feature);
 *   - platform/telegram/ importing anything of ours outside itself (transport only);
 *   - the bottom of the platform (time, money, i18n, config, observability, telegram) importing
 *     anything of ours above it (db, http, outbox, schedules);
 *   - a door (http, bot, miniapp) running SQL itself: importing drizzle-orm or the table
 *     definitions (platform/db/schema.ts); it calls a feature or a platform function that owns
 *     the table (the Executor and Database types of platform/db/client.ts are fine);
 *   - a feature importing a door;
 *   - a feature importing another feature's file other than its front file (`index.ts`);
 *   - a feature's `messages/` reaching the database, the outbox or image rendering, its own
 *     feature's charts included (pure: data in, OutgoingMessage out);
 *   - luxon outside platform/time/ (local-time arithmetic has one home);
 *   - a cycle between rooms;
 * naming the files that make each one.
 *
 * Rooms: `(top)` for src/main.ts and src/service.ts; the doors `http`, `bot`, `miniapp`;
 * `features/<name>` and `platform/<name>`.
 */
const TOP = '(top)';
const DOORS = new Set(['http', 'bot', 'miniapp']);
/** The platform's rooms that stand on nothing but each other. */
const BOTTOM = new Set(['time', 'money', 'i18n', 'config', 'observability', 'telegram'].map((name) => `platform/${name}`));

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Module specifiers a file imports, re-exports from, or `import()`s. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

const relative = (specs: string[]) => specs.filter((name) => name.startsWith('./') || name.startsWith('../'));

/** A path relative to src/ → its room. */
function roomOf(rel: string): string {
  const parts = rel.split('/');
  if (parts.length === 1) return TOP;
  if ((parts[0] === 'features' || parts[0] === 'platform') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Import {
  /** Importing file, relative to src/ with `/`. */
  from: string;
  /** Imported file relative to src/ (`.ts`), or the package name. */
  to: string;
  package: boolean;
}

function importList(files: ReadonlyArray<{ file: string; source: string }>): Import[] {
  const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
  return files.flatMap(({ file, source }) => {
    const specs = importsOf(source);
    const local = relative(specs)
      .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'))
      .filter((target) => target.startsWith(SRC + path.sep))
      .map((target) => ({ from: rel(file), to: rel(target), package: false }));
    const packages = specs
      .filter((s) => !s.startsWith('.'))
      .map((s) => ({ from: rel(file), to: s, package: true }));
    return [...local, ...packages];
  });
}

/** The check kinds and CashDesk's types: words every layer shares, not database access. */
const VOCABULARY = new Set(['platform/db/check-kinds.ts', 'platform/db/check-types.ts']);

const isFeature = (room: string) => room.startsWith('features/');
const isPlatform = (room: string) => room.startsWith('platform/');

/** Why this import breaks the house, or undefined when it is fine. */
function ruleBroken(imp: Import): string | undefined {
  const from = roomOf(imp.from);
  if (imp.package) {
    if (DOORS.has(from) && /^drizzle-orm(\/|$)/.test(imp.to)) return 'a door runs no SQL: it calls the feature that owns the table (no drizzle-orm)';
    if (imp.to === 'luxon' && from !== 'platform/time') return 'local-time arithmetic lives in platform/time/ (no luxon elsewhere)';
    if (/\/messages\//.test(imp.from) && /^(@resvg|canvas|sharp)/.test(imp.to)) return 'messages/ is pure: no image rendering';
    return undefined;
  }
  const to = roomOf(imp.to);
  if (/\/messages\//.test(imp.from) && isFeature(from)) {
    if (imp.to.startsWith('platform/db/') && !VOCABULARY.has(imp.to)) return 'messages/ is pure: no database';
    if (imp.to.startsWith('platform/outbox/')) return 'messages/ is pure: no outbox';
    if (imp.to.includes('/charts/')) return 'messages/ is pure: no image rendering';
  }
  if (DOORS.has(from) && imp.to === 'platform/db/schema.ts') return 'a door runs no SQL: it calls the feature that owns the table (no platform/db/schema.ts)';
  if (from === to) return undefined;
  if (to === TOP) return 'nothing imports main.ts or service.ts';
  if (isPlatform(from) && !isPlatform(to)) return 'the platform knows no feature and no door';
  if (from === 'platform/telegram') return 'platform/telegram/ is transport only: it imports nothing of ours';
  if (BOTTOM.has(from) && !BOTTOM.has(to)) return 'the bottom of the platform (time, money, i18n, config, observability, telegram) imports only the bottom';
  if (isFeature(from) && DOORS.has(to)) return 'a feature never imports a door';
  if (isFeature(from) && isFeature(to) && imp.to !== `${to}/index.ts`) return `another feature is used through its front file (${to}/index.ts)`;
  return undefined;
}

function brokenRules(imports: ReadonlyArray<Import>): string[] {
  return imports.flatMap((imp) => {
    const why = ruleBroken(imp);
    return why ? [`${imp.from} → ${imp.to}: ${why}`] : [];
  });
}

/** Room edge `a -> b` → the files whose imports make it. */
type Edges = Map<string, Set<string>>;

function roomEdges(imports: ReadonlyArray<Import>): Edges {
  const edges: Edges = new Map();
  for (const imp of imports) {
    if (imp.package) continue;
    const from = roomOf(imp.from);
    const to = roomOf(imp.to);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    const set = edges.get(key) ?? new Set<string>();
    set.add(imp.from);
    edges.set(key, set);
  }
  return edges;
}

/** Every cycle's rooms (strongly connected components of more than one room), Tarjan's. */
function roomCycles(edgeKeys: Iterable<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const key of edgeKeys) {
    const [from, to] = key.split(' -> ') as [string, string];
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components;
}

function cycles(edges: Edges): string[] {
  const keys = [...edges.keys()];
  const named = (key: string) => `${key} (${[...(edges.get(key) ?? [])].sort().join(', ')})`;
  return roomCycles(keys).map((cycle) => {
    const inCycle = keys.filter((key) => {
      const [from, to] = key.split(' -> ') as [string, string];
      return cycle.includes(from) && cycle.includes(to);
    });
    return `cycle between ${cycle.join(', ')}: ${inCycle.sort().map(named).join('; ')}`;
  });
}

describe('imports of src/ point one way', () => {
  const files = sourceFiles(SRC).map((file) => ({ file, source: readFileSync(file, 'utf8') }));
  const imports = importList(files);
  const edges = roomEdges(imports);

  it('walks the real tree', () => {
    // The walk sees the wiring's edges, so an empty result means the rules passed, not that
    // nothing was read.
    expect(edges.get('(top) -> platform/outbox')).toContain('service.ts');
    expect(edges.get('bot -> features/shops')?.size).toBeGreaterThan(0);
    expect(edges.size).toBeGreaterThan(40);
  });

  it('breaks none of the rules', () => {
    expect(brokenRules(imports)).toEqual([]);
  });

  it('has no cycle between rooms', () => {
    expect(cycles(edges)).toEqual([]);
  });
});

describe('the import walk itself', () => {
  const file = (rel: string, source: string) => ({ file: path.join(SRC, rel), source });

  it('reads static imports, type imports, re-exports and dynamic import(), and packages apart', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from '../c/c.js';",
      "export * from './d.js';",
      "const e = await import('../e/e.js');",
      "import 'node:fs';",
      "import z from 'zod';",
    ].join('\n');
    expect(relative(importsOf(source))).toEqual(['./a.js', '../b/b.js', '../c/c.js', './d.js', '../e/e.js']);
    expect(importsOf(source)).toContain('zod');
  });

  it('names each broken rule with its files', () => {
    const found = brokenRules(
      importList([
        file('platform/money/format.ts', "import { t } from '../../features/reports/figures.js';"),
        file('platform/telegram/gateway.ts', "import { log } from '../observability/logger.js';"),
        file('platform/i18n/catalogue.ts', "import type { CheckKind } from '../db/check-kinds.js';\nimport { parseClock } from '../time/clock.js';"),
        file('platform/observability/telegram-sends.ts', "import type { SendEvents } from '../telegram/gateway-transformer.js';\nimport { sql } from '../db/client.js';"),
        file('features/reports/figures.ts', "import { x } from '../sales/search.js';\nimport { y } from '../sales/index.js';"),
        file('features/sales/search.ts', "import { b } from '../../bot/bot.js';"),
        file('features/sales/messages/sale-alert.ts', "import { checks } from '../../../platform/db/schema.js';\nimport type { CheckKind } from '../../../platform/db/check-kinds.js';"),
        file('features/reports/messages/today.ts', "import { DateTime } from 'luxon';"),
        file('bot/bot.ts', "import { s } from '../service.js';\nimport { f } from '../features/sales/search.js';"),
        file('features/reports/messages/period-report.ts', "import { png } from '../charts/sales-charts.js';\nimport { d } from './today.js';"),
        file(
          'miniapp/api-routes.ts',
          "import { sql } from 'drizzle-orm';\nimport { outbox } from '../platform/db/schema.js';\nimport type { Executor } from '../platform/db/client.js';",
        ),
      ]),
    );
    expect(found).toEqual([
      'platform/money/format.ts → features/reports/figures.ts: the platform knows no feature and no door',
      'platform/telegram/gateway.ts → platform/observability/logger.ts: platform/telegram/ is transport only: it imports nothing of ours',
      'platform/i18n/catalogue.ts → platform/db/check-kinds.ts: the bottom of the platform (time, money, i18n, config, observability, telegram) imports only the bottom',
      'platform/observability/telegram-sends.ts → platform/db/client.ts: the bottom of the platform (time, money, i18n, config, observability, telegram) imports only the bottom',
      'features/reports/figures.ts → features/sales/search.ts: another feature is used through its front file (features/sales/index.ts)',
      'features/sales/search.ts → bot/bot.ts: a feature never imports a door',
      'features/sales/messages/sale-alert.ts → platform/db/schema.ts: messages/ is pure: no database',
      'features/reports/messages/today.ts → luxon: local-time arithmetic lives in platform/time/ (no luxon elsewhere)',
      'bot/bot.ts → service.ts: nothing imports main.ts or service.ts',
      'features/reports/messages/period-report.ts → features/reports/charts/sales-charts.ts: messages/ is pure: no image rendering',
      'miniapp/api-routes.ts → platform/db/schema.ts: a door runs no SQL: it calls the feature that owns the table (no platform/db/schema.ts)',
      'miniapp/api-routes.ts → drizzle-orm: a door runs no SQL: it calls the feature that owns the table (no drizzle-orm)',
    ]);
  });

  it('reports a cycle, naming the files', () => {
    const edges = roomEdges(
      importList([
        file('features/reports/figures.ts', "import { x } from '../sales/index.js';"),
        file('features/sales/index.ts', "const r = await import('../reports/figures.js');"),
      ]),
    );
    expect(cycles(edges)).toEqual([
      'cycle between features/reports, features/sales: features/reports -> features/sales (features/reports/figures.ts); features/sales -> features/reports (features/sales/index.ts)',
    ]);
  });
});
