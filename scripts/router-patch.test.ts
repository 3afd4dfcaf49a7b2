/**
 * patches/@remix-run+router+1.23.3.patch (applied by `npm install`'s postinstall, patch-package):
 * the server's route matching keeps each route array's ranked branches and each pattern's regular
 * expression instead of rebuilding them for every match (a third of a rendered page's CPU, README
 * "Page speed"). These tests hold the patched CommonJS build — the one the server runs — to the
 * same answers as the release's unpatched UMD build, and fail when the patch was not applied.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const serverRouterPath = require.resolve('@remix-run/router');
type Router = typeof import('@remix-run/router');
const serverRouter = require('@remix-run/router') as Router;
// The same release's UMD build, which the patch leaves alone: the reference answers.
const unpatchedRouter = require('@remix-run/router/dist/router.umd.js') as Router;

const routes = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'home', index: true },
      { id: 'catalog', path: 'catalog' },
      { id: 'offering', path: 'catalog/:offeringId' },
      { id: 'fit', path: 'catalog/fit' },
      { id: 'job', path: 'official/adoption/upload/:jobId?' },
      { id: 'case', path: 'API/Docs', caseSensitive: true },
      { id: 'splat', path: '*' },
    ],
  },
];
const PATHS = [
  '/',
  '/catalog',
  '/catalog/',
  '/catalog/fit',
  '/catalog/abc123',
  '/official/adoption/upload',
  '/official/adoption/upload/j1',
  '/API/Docs',
  '/api/docs',
  '/no-such-page',
  '/catalog/a/b',
];

function ids(router: Router, path: string) {
  return router.matchRoutes(routes, path)?.map((m) => `${m.route.id}${JSON.stringify(m.params)}`);
}

describe('the patched route matching of the server', () => {
  it('is the build the server loads, with the patch applied', () => {
    expect(serverRouterPath).toMatch(/router\.cjs\.js$/);
    // Compared below with the unpatched build, not with itself.
    expect(serverRouter.matchRoutes).not.toBe(unpatchedRouter.matchRoutes);
    const source = fs.readFileSync(serverRouterPath, 'utf8');
    expect(source).toContain('rankedBranchesOf(routes)');
    expect(source).toContain('compiledPaths.get(key)');
  });

  it('answers every path as the unpatched build does, the first time and again', () => {
    for (let round = 0; round < 3; round++) {
      for (const path of PATHS) expect(ids(serverRouter, path), path).toEqual(ids(unpatchedRouter, path));
    }
    // The static segment outranks the parameter, and an unknown path falls to the splat.
    expect(ids(serverRouter, '/catalog/fit')).toEqual(['root{}', 'fit{}']);
    expect(ids(serverRouter, '/no-such-page')).toEqual([
      'root{"*":"no-such-page"}',
      'splat{"*":"no-such-page"}',
    ]);
  });

  it('matches a new route array by its own routes, not a remembered one', () => {
    const other = [{ id: 'only', path: 'catalog/:x' }];
    expect(serverRouter.matchRoutes(routes, '/catalog/q')?.at(-1)?.route.id).toBe('offering');
    expect(serverRouter.matchRoutes(other, '/catalog/q')?.at(-1)?.route.id).toBe('only');
    expect(serverRouter.matchPath({ path: '/API/Docs', caseSensitive: true }, '/api/docs')).toBeNull();
    expect(serverRouter.matchPath({ path: '/API/Docs', caseSensitive: false }, '/api/docs')).not.toBeNull();
    expect(serverRouter.matchPath({ path: '/a/:b', end: false }, '/a/1/2')?.params).toEqual({ b: '1' });
    expect(serverRouter.matchPath({ path: '/a/:b', end: true }, '/a/1/2')).toBeNull();
  });
});
