import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One direction through the house (README "Architecture"): walks every relative import of src/
 * (static imports, `export … from`, dynamic `import()`, type-only ones too), maps each file to
 * its top folder (src/<folder>/…; src/main.ts and src/service.ts are the top), and fails on
 * - an import that runs back up the layers:
 *     top      main.ts, service.ts       nothing imports them
 *     doors    http/, bot/, app/         imported only by the top and by each other
 *     middle   everything else (the domain; messages/ the pure presentation, jobs/ the outbox's
 *              renderer, which loads a job's data and hands it to messages/)
 *     low      delivery/                 imports only the bottom
 *     bottom   telegram/, db/, money/, time/, config/, i18n/, observability/
 *                                        import only each other
 * - a cycle between folders;
 * - an arrow between folders of one layer that the design rules out (FORBIDDEN), and luxon
 *   outside time/;
 * naming the files that make each edge.
 */
const TOP = '(top)';
const BOTTOM = new Set(['telegram', 'db', 'money', 'time', 'config', 'i18n', 'observability']);
const LOW = new Set(['delivery']);
const DOORS = new Set(['http', 'bot', 'app']);

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Relative module specifiers a file imports, re-exports from, or `import()`s. */
function relativeImports(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('./') || name.startsWith('../'));
}

/** src/<folder>/… → folder; a file directly in src/ → the top. */
function folderOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? TOP : parts[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Folder edge `a -> b` → the files (relative to the repository) whose imports make it. */
type Edges = Map<string, Set<string>>;

function folderEdges(files: ReadonlyArray<{ file: string; source: string }>): Edges {
  const edges: Edges = new Map();
  for (const { file, source } of files) {
    for (const spec of relativeImports(source)) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC + path.sep)) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      const set = edges.get(key) ?? new Set<string>();
      set.add(path.relative(path.dirname(SRC), file));
      edges.set(key, set);
    }
  }
  return edges;
}

/** Why `from -> to` runs back up the layers, or undefined when it points down. */
function layerViolation(from: string, to: string): string | undefined {
  if (to === TOP) return 'nothing imports main.ts or service.ts';
  if (BOTTOM.has(from) && !BOTTOM.has(to)) return `${from}/ is the bottom layer: it imports only the bottom`;
  if (LOW.has(from) && !BOTTOM.has(to)) return `${from}/ is the low layer: it imports only the bottom`;
  if (DOORS.has(to) && !DOORS.has(from) && from !== TOP) return `${to}/ is a door: only the top and the doors import it`;
  return undefined;
}

/**
 * Arrows the layers alone would let through but the design rules out (issue 12): `from` folder's
 * files import nothing under the `to` paths (relative to src/), but for the `except` files.
 */
const FORBIDDEN: ReadonlyArray<{ from: string; to: string[]; except?: string[]; why: string }> = [
  { from: 'settings', to: ['schedules'], why: 'schedules own summary times; settings only store them' },
  { from: 'schedules', to: ['settings'], why: 'settings read the schedules, not the other way' },
  { from: 'access', to: ['notices', 'checks', 'schedules', 'settings', 'messages'], why: 'access is below the domain that uses it' },
  { from: 'i18n', to: ['telegram'], why: 'the catalogue is plain text, the transport is not its business' },
  { from: 'time', to: ['i18n', 'telegram'], why: 'time arithmetic knows no language or transport' },
  {
    from: 'messages',
    to: ['db', 'jobs'],
    except: ['db/check-kinds.ts'],
    why: 'messages/ is pure presentation: data in, OutgoingMessage out (the check kinds are shared vocabulary)',
  },
];

/** Every import between two files of src/, as paths relative to src/ with `/`. */
function fileImports(files: ReadonlyArray<{ file: string; source: string }>): Array<{ from: string; to: string }> {
  const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
  return files.flatMap(({ file, source }) =>
    relativeImports(source)
      .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'))
      .filter((target) => target.startsWith(SRC + path.sep))
      .map((target) => ({ from: rel(file), to: rel(target) })),
  );
}

/** The FORBIDDEN arrows these imports make, as `from → to: why`. */
function forbiddenArrows(imports: ReadonlyArray<{ from: string; to: string }>): string[] {
  const under = (p: string, folder: string) => p === folder || p.startsWith(`${folder}/`);
  return imports.flatMap(({ from, to }) =>
    FORBIDDEN.filter((rule) => under(from, rule.from) && rule.to.some((f) => under(to, f)) && !rule.except?.includes(to)).map(
      (rule) => `${from} → ${to}: ${rule.why}`,
    ),
  );
}

/** Every cycle's folders (strongly connected components of more than one folder), Tarjan's. */
function folderCycles(edgeKeys: Iterable<string>): string[][] {
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

/** What is wrong with these edges; empty when all is well. */
function problems(edges: Edges): string[] {
  const found: string[] = [];
  const named = (key: string) => `${key} (${[...(edges.get(key) ?? [])].sort().join(', ')})`;
  for (const key of [...edges.keys()].sort()) {
    const [from, to] = key.split(' -> ') as [string, string];
    const why = layerViolation(from, to);
    if (why) found.push(`back-edge ${named(key)}: ${why}`);
  }
  const checked = [...edges.keys()];
  for (const cycle of folderCycles(checked)) {
    const inCycle = checked.filter((key) => {
      const [from, to] = key.split(' -> ') as [string, string];
      return cycle.includes(from) && cycle.includes(to);
    });
    found.push(`cycle between ${cycle.join(', ')}: ${inCycle.sort().map(named).join('; ')}`);
  }
  return found;
}

describe('imports of src/ point one way', () => {
  const files = sourceFiles(SRC).map((file) => ({ file, source: readFileSync(file, 'utf8') }));
  const edges = folderEdges(files);

  it('walks the real tree', () => {
    // The walk sees the wiring's edges, so an empty result means the rules passed, not that
    // nothing was read.
    expect(edges.get('(top) -> delivery')).toContain('src/service.ts');
    expect(edges.get('jobs -> messages')).toContain('src/jobs/job-renderer.ts');
    expect(edges.size).toBeGreaterThan(20);
  });

  it('has no folder cycle and no import up the layers', () => {
    expect(problems(edges)).toEqual([]);
  });

  it('has none of the arrows the design rules out between folders of one layer', () => {
    expect(forbiddenArrows(fileImports(files))).toEqual([]);
  });

  it.each(['settings', 'schedules', 'reports', 'delivery', 'access', 'checks', 'alerts', 'jobs'])(
    '%s leaves local-time arithmetic to time/ (no luxon of its own)',
    (folder) => {
      const users = files.filter(({ file, source }) => folderOf(file) === folder && /from\s+'luxon'/.test(source));
      expect(users.map(({ file }) => path.relative(SRC, file))).toEqual([]);
    },
  );
});

describe('the import walk itself', () => {
  const file = (rel: string, source: string) => ({ file: path.join(SRC, rel), source });

  it('reads static imports, type imports, re-exports and dynamic import(), and skips packages', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from '../c/c.js';",
      "export * from './d.js';",
      "const e = await import('../e/e.js');",
      "import 'node:fs';",
      "import z from 'zod';",
    ].join('\n');
    expect(relativeImports(source)).toEqual(['./a.js', '../b/b.js', '../c/c.js', './d.js', '../e/e.js']);
  });

  it('reports a new back-edge and a new cycle, naming the files', () => {
    const edges = folderEdges([
      file('money/format.ts', "import { t } from '../reports/figures.js';"),
      file('reports/figures.ts', "import { x } from '../checks/search.js';"),
      file('checks/search.ts', "const r = await import('../reports/figures.js');"),
    ]);
    const found = problems(edges);
    expect(found).toContain('back-edge money -> reports (src/money/format.ts): money/ is the bottom layer: it imports only the bottom');
    expect(found).toContain('cycle between checks, reports: checks -> reports (src/checks/search.ts); reports -> checks (src/reports/figures.ts)');
    expect(found).toHaveLength(2);
  });

  it('finds a forbidden arrow, and lets its exception through', () => {
    const imports = fileImports([
      file('messages/sale-alert.ts', "import type { CheckKind } from '../db/check-kinds.js';\nimport { checks } from '../db/schema.js';"),
      file('settings/store.ts', "import { x } from '../schedules/summary-date.js';"),
    ]);
    expect(imports).toContainEqual({ from: 'messages/sale-alert.ts', to: 'db/check-kinds.ts' });
    const found = forbiddenArrows(imports);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^messages\/sale-alert\.ts → db\/schema\.ts: /);
    expect(found[1]).toMatch(/^settings\/store\.ts → schedules\/summary-date\.ts: /);
  });

  it('keeps doors and the top out of reach of the layers below', () => {
    expect(layerViolation('reports', 'bot')).toMatch(/door/);
    expect(layerViolation('http', 'app')).toBeUndefined();
    expect(layerViolation('checks', TOP)).toMatch(/nothing imports/);
    expect(layerViolation('delivery', 'telegram')).toBeUndefined();
    expect(layerViolation('delivery', 'reports')).toMatch(/low layer/);
  });
});
