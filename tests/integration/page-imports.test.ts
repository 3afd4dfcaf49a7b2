import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What a page's JavaScript may contain (issue 13, docs/decisions/0009-page-javascript.md). The
// classic compiler bundles with esbuild's code splitting, which puts every module a route imports —
// used or not, even one only its action uses — into the page's chunks. So this walks the static
// imports from each page module the way the browser build does: `import type` and all-type
// imports are erased, `.server` modules are emptied, `import()` is fetched later (not followed).

const APP = path.resolve('app');
/** Modules a page must not reach: zod (and Conform's zod adapter), and the module with every message. */
const FORBIDDEN = [/^zod(\/|$)/, /^@conform-to\/zod(\/|$)/, /^app\/i18n\/index\.ts$/, /^app\/i18n\/messages\//];

// Known, to be moved behind `.server` doors by their owners: the issue-12 job pages import
// ~/jobs/results (zod schemas of job parameters and results) in the route module.
const KNOWN: Record<string, string> = {
  'app/routes/official.adoption.upload.tsx': 'app/jobs/results.ts',
  'app/routes/provider.import.tsx': 'app/jobs/results.ts',
};

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith('~/')
    ? path.join(APP, specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${path.relative('.', from)}: cannot resolve ${specifier}`);
}

const parsed = new Map<string, string[]>();

/** The specifiers a module's browser build keeps as static imports. */
function staticImports(file: string): string[] {
  const known = parsed.get(file);
  if (known) return known;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      if (!onlyTypes) out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  parsed.set(file, out);
  return out;
}

/** The forbidden modules a page module reaches, each with the first path found to it. */
function forbiddenReach(entry: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>([entry]);
  const queue: { file: string; trail: string[] }[] = [{ file: entry, trail: [path.relative('.', entry)] }];
  while (queue.length > 0) {
    const { file, trail } = queue.shift()!;
    for (const specifier of staticImports(file)) {
      if (/\.server$/.test(specifier)) continue; // an empty module in the browser build
      if (/\.(css|svg|png|json)$/.test(specifier)) continue;
      const target = resolve(file, specifier);
      const name = target ? path.relative('.', target).split(path.sep).join('/') : specifier;
      if (FORBIDDEN.some((pattern) => pattern.test(name))) {
        if (!found.has(name)) found.set(name, [...trail, name]);
        continue;
      }
      if (target && !seen.has(target) && /\.tsx?$/.test(target)) {
        seen.add(target);
        queue.push({ file: target, trail: [...trail, name] });
      }
    }
  }
  return found;
}

const pages = [
  path.join(APP, 'entry.client.tsx'),
  path.join(APP, 'root.tsx'),
  ...fs
    .readdirSync(path.join(APP, 'routes'))
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => path.join(APP, 'routes', name)),
];

describe('the JavaScript of a page', () => {
  it('holds neither zod nor both languages’ messages: routes reach schemas through .server doors', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const relative = path.relative('.', page).split(path.sep).join('/');
      for (const [module, trail] of forbiddenReach(page)) {
        if (KNOWN[relative] === trail[trail.length - 2]) continue;
        problems.push(`${relative} reaches ${module}: ${trail.join(' → ')}`);
      }
    }
    expect(problems, 'import schemas in route modules from ~/schemas/<name>.server, parseWithZod from ~/schemas/parse.server; components translate with useT and ~/i18n/translate').toEqual([]);
  });

  it('sees an import that would bring zod back (the walk itself is checked)', () => {
    expect([...forbiddenReach(path.join(APP, 'schemas', 'requests.ts')).keys()]).toContain('zod');
    expect([...forbiddenReach(path.join(APP, 'i18n', 'use-t.ts')).keys()]).toEqual([]);
    expect(staticImports(path.join(APP, 'components', 'request-form.tsx'))).not.toContain('~/schemas/requests');
  });
});
