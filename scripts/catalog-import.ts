/**
 * `npm run catalog:import -- FILE [--publish] [--partial]`: loads providers and their offerings
 * from a JSON array or a .jsonl file (docs/formats/catalog-import.md) into DATABASE_PATH.
 * The whole file is checked first; every problem is printed with its path. Nothing is written
 * unless the file is valid, or --partial is given. --publish is for operators loading an
 * already-vetted pool: offerings are published and new providers approved.
 * Exit status: 0 written, 1 nothing written (invalid file or bad arguments), 2 written with
 * entries skipped (--partial).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { openDatabase, type Db } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { importCatalog, parseCatalogText, type ImportSummary } from '../app/models/catalog-import.server';
import { readSearchConfig } from '../search/config';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

export const USAGE = 'Usage: npm run catalog:import -- FILE(.json|.jsonl) [--publish] [--partial]';
const MAX_PRINTED_ERRORS = 200;

export interface ImportArgs {
  file: string;
  publish: boolean;
  partial: boolean;
}

export function parseImportArgs(argv: readonly string[]): ImportArgs | { error: string } {
  let file: string | null = null;
  let publish = false;
  let partial = false;
  for (const arg of argv) {
    if (arg === '--publish') publish = true;
    else if (arg === '--partial') partial = true;
    else if (arg.startsWith('-')) return { error: `unknown option ${JSON.stringify(arg)}` };
    else if (file === null) file = arg;
    else return { error: `one file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(arg)})` };
  }
  if (file === null) return { error: 'which file? give the path of a .json or .jsonl catalog' };
  return { file, publish, partial };
}

export function formatSummary(summary: ImportSummary, seconds: number): string[] {
  const p = summary.providers;
  const o = summary.offerings;
  const lines = [
    summary.written ? `Imported in ${seconds.toFixed(1)} s.` : 'Nothing was written.',
    `Providers: ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged${p.skipped ? `, ${p.skipped} skipped` : ''}`,
    `Offerings: ${o.created} created, ${o.updated} updated, ${o.unchanged} unchanged` +
      `${o.revisions ? `, ${o.revisions} ${o.revisions === 1 ? 'change' : 'changes'} to published offerings waiting for vetting` : ''}${o.skipped ? `, ${o.skipped} skipped` : ''}`,
    `Errors: ${summary.errors.length}`,
  ];
  return lines;
}

export function runImport(
  db: Db,
  args: ImportArgs,
  out: { log(line: string): void; error(line: string): void },
  progress = true,
): { summary: ImportSummary; exitCode: number } {
  const text = fs.readFileSync(args.file, 'utf8');
  const format = path.extname(args.file).toLowerCase() === '.jsonl' ? 'jsonl' : 'json';
  const parsed = parseCatalogText(text, format);
  const bar = progress
    ? new cliProgress.SingleBar(
        { format: 'Offerings [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const started = performance.now();
  let barStarted = false;
  const summary = importCatalog(db, parsed.entries, {
    actorUserId: null,
    publish: args.publish,
    partial: args.partial,
    source: path.basename(args.file),
    onProgress: (done, total) => {
      if (!bar) return;
      if (!barStarted) {
        bar.start(total, done);
        barStarted = true;
      } else bar.update(done);
    },
  });
  if (barStarted) bar?.stop();
  summary.errors.unshift(...parsed.issues);
  const seconds = (performance.now() - started) / 1000;
  for (const issue of summary.errors.slice(0, MAX_PRINTED_ERRORS))
    out.error(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  if (summary.errors.length > MAX_PRINTED_ERRORS)
    out.error(`… and ${summary.errors.length - MAX_PRINTED_ERRORS} more`);
  if (!summary.written && summary.errors.length > 0)
    out.error(
      'The file has problems: nothing was written. Fix them, or use --partial to import the valid providers.',
    );
  for (const line of formatSummary(summary, seconds)) out.log(line);
  if (summary.written && readSearchConfig().engine === 'meilisearch') {
    out.log(
      'Search: changes are queued for Meilisearch; the server sends them, or run `npm run search:sync`.',
    );
  }
  const exitCode = !summary.written ? 1 : summary.errors.length > 0 ? 2 : 0;
  return { summary, exitCode };
}

async function main() {
  const args = parseImportArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`catalog:import: ${args.error}\n${USAGE}`);
    process.exit(1);
  }
  if (!fs.existsSync(args.file)) {
    console.error(`catalog:import: no such file: ${args.file}`);
    process.exit(1);
  }
  loadDotEnv();
  const db = openDatabase(databasePath());
  try {
    runMigrations(db);
    const { exitCode } = runImport(db, args, console, process.stdout.isTTY ?? false);
    process.exitCode = exitCode;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
