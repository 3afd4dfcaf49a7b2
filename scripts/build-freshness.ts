/**
 * Whether `npm start` must run `remix build` first: the server build bundles app/, db/ and search/
 * (routes import models, models import db/ and search/), so a change under any of them, or in the
 * files that configure the compiler, makes build/index.js stale.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Folders and files (relative to the project root) that end up in, or shape, the server build. */
export const BUILD_INPUTS = [
  'app',
  'db',
  'search',
  'package-lock.json',
  'remix.config.js',
  'tailwind.config.ts',
  'postcss.config.js',
  'tsconfig.json',
] as const;

// SQLite files are data, not sources (a database kept beside the code must not force rebuilds).
const NOT_SOURCES = /\.db(-wal|-shm|-journal)?$/;

/** Newest modification time (ms) of the files under `target`, a folder or a file; 0 when missing. */
export function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !NOT_SOURCES.test(entry.name))
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when `buildFile` is missing or older than any of `inputs` (resolved against `root`). */
export function buildIsStale(
  buildFile: string,
  root = '.',
  inputs: readonly string[] = BUILD_INPUTS,
): boolean {
  const file = path.resolve(root, buildFile);
  if (!fs.existsSync(file)) return true;
  const built = fs.statSync(file).mtimeMs;
  return inputs.some((input) => newestMtime(path.resolve(root, input)) > built);
}
