import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One direction through the house (docs: /ARCHITECTURE, README "Architecture"): walks every
 * relative import of src/ (static imports, `export … from`, dynamic `import()`, type-only ones
 * too), maps each file to its top folder (src/<folder>/…; src/main.ts and src/service.ts are the
 * top), and fails on
 * - an import that runs back up the layers:
 *     top      main.ts, service.ts       nothing imports them
 *     doors    http/, bot/, app/         imported only by the top and by each other
 *     middle   everything else (the domain)
 *     low      delivery/                 imports only the bottom
 *     bottom   telegram/, db/, money/, time/, config/, i18n/, observability/
 *                                        import only each other
 * - a cycle between folders (over the edges that are not known back-edges);
 * naming the files that make each edge.
 *
 * A ratchet: KNOWN_BACK_EDGES lists today's violating folder edges. A new violating edge fails,
 * and so does a listed edge that no longer exists: take it off the list when you remove it, so
 * the list only shrinks.
 */
const KNOWN_BACK_EDGES: ReadonlySet<string> = new Set([
  // telegram/render/ is presentation (the ARCHITECTURE's messages/) still living in the transport
  // folder; it reads the domain's figures, settings and check views. Moves out with messages/.
  'telegram -> access',
  'telegram -> cashdesk',
  'telegram -> charts',
  'telegram -> export',
  // The watchdog's renderer is in messages/ already (branch quiet); reshape moves the rest there.
  'telegram -> messages',
  'telegram -> reports',
  'telegram -> schedules',
  'telegram -> settings',
]);

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

/** What is wrong with these edges given the known back-edges; empty when all is well. */
function problems(edges: Edges, known: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const named = (key: string) => `${key} (${[...(edges.get(key) ?? [])].sort().join(', ')})`;
  for (const key of [...edges.keys()].sort()) {
    if (known.has(key)) continue;
    const [from, to] = key.split(' -> ') as [string, string];
    const why = layerViolation(from, to);
    if (why) found.push(`back-edge ${named(key)}: ${why}`);
  }
  const checked = [...edges.keys()].filter((key) => !known.has(key));
  for (const cycle of folderCycles(checked)) {
    const inCycle = checked.filter((key) => {
      const [from, to] = key.split(' -> ') as [string, string];
      return cycle.includes(from) && cycle.includes(to);
    });
    found.push(`cycle between ${cycle.join(', ')}: ${inCycle.sort().map(named).join('; ')}`);
  }
  for (const key of [...known].sort()) {
    if (!edges.has(key)) found.push(`known back-edge ${key} no longer exists: take it off KNOWN_BACK_EDGES`);
  }
  return found;
}

describe('imports of src/ point one way', () => {
  const edges = folderEdges(sourceFiles(SRC).map((file) => ({ file, source: readFileSync(file, 'utf8') })));

  it('walks the real tree', () => {
    // The walk sees the wiring's edges, so an empty result means the rules passed, not that
    // nothing was read.
    expect(edges.get('(top) -> delivery')).toContain('src/service.ts');
    expect(edges.size).toBeGreaterThan(20);
  });

  it('has no folder cycle and no import up the layers beyond the known back-edges, each of which still exists', () => {
    expect(problems(edges, KNOWN_BACK_EDGES)).toEqual([]);
  });
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
    const found = problems(edges, new Set());
    expect(found).toContain('back-edge money -> reports (src/money/format.ts): money/ is the bottom layer: it imports only the bottom');
    expect(found).toContain('cycle between checks, reports: checks -> reports (src/checks/search.ts); reports -> checks (src/reports/figures.ts)');
    expect(found).toHaveLength(2);
  });

  it('lets a known back-edge through, and fails when a known one is gone', () => {
    const edges = folderEdges([file('telegram/render/x.ts', "import { y } from '../../settings/store.js';")]);
    expect(problems(edges, new Set(['telegram -> settings']))).toEqual([]);
    expect(problems(edges, new Set(['telegram -> settings', 'i18n -> cashdesk']))).toEqual([
      'known back-edge i18n -> cashdesk no longer exists: take it off KNOWN_BACK_EDGES',
    ]);
  });

  it('keeps doors and the top out of reach of the layers below', () => {
    expect(layerViolation('reports', 'bot')).toMatch(/door/);
    expect(layerViolation('http', 'app')).toBeUndefined();
    expect(layerViolation('checks', TOP)).toMatch(/nothing imports/);
    expect(layerViolation('delivery', 'telegram')).toBeUndefined();
    expect(layerViolation('delivery', 'reports')).toMatch(/low layer/);
  });
});
