/**
 * `npm run bench:search [-- --offerings 20000 --queries 1000 --keep .bench]`: builds a deterministic catalog
 * in a temporary database through the catalog import (and prints how long the import took),
 * then runs a fixed mix of queries — two-character Chinese, phrases, English, pinyin, typos,
 * browsing, with and without filters — against the SQLite engine (matching, filters, all six
 * disjunctive facets, the page and its highlights) and against a naive LIKE '%q%' scan of the
 * same rows (matches, count and first page; no facets, synonyms, pinyin or typos), and prints
 * p50/p95/p99 in ms and the ratio, then every distinct search once more with the engine's
 * memos dropped (cold). A benchmark, not a test: it asserts nothing. `--keep DIR` keeps the
 * built database in DIR and reuses it on the next run with the same size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { importCatalog } from '../../app/models/catalog-import.server';
import { createRng, hashSeed } from '../../db/seed/random';
import { emptyFilters, makeQuery, type SearchQuery } from '../../search/engine';
import { SqliteSearchEngine } from '../../search/sqlite/engine';
import { ANALYSIS_VERSION } from '../../search/sqlite/store';
import { benchCatalog } from './bench-catalog';
import { LikeScan } from './like-scan';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
}

const TWO_CHAR = [
  '制造',
  '设备',
  '能耗',
  '管理',
  '平台',
  '质量',
  '仓储',
  '安全',
  '数据',
  '协同',
  '采购',
  '财务',
  '考勤',
  '监测',
  '追溯',
  '排产',
];
const PHRASES = [
  '设备预测性维护',
  '能耗管理系统',
  '产品质量追溯',
  '工业互联网平台',
  '安全生产监测预警',
  '云主机',
  '数据分析与可视化',
  '仓储管理',
  '智能制造',
  '企业上云',
];
const ENGLISH = [
  'erp',
  'mes',
  'cloud',
  'equipment',
  'monitoring',
  'platform',
  'iot',
  'crm',
  'wms',
  'cloud erp',
  'equ',
  'plat',
  'energy',
  'bi',
];
const PINYIN = [
  'zhinengzhizao',
  'znzz',
  'shebei',
  'yunding',
  'nenghao',
  'zhiliang',
  'cangchu',
  'gyhlw',
  'sbyc',
  'shuyun',
];
const TYPOS = ['monitering', 'platfrom', 'equipmnet', 'enrgy', 'cloudd'];
const LEVELS = ['iaas', 'paas', 'saas', 'platform', 'industrial-app'];

/** 1,000 (or n) queries, the same on every run. */
export function benchQueries(n: number): { kind: string; query: SearchQuery }[] {
  const rng = createRng(hashSeed('bench-queries'));
  const out: { kind: string; query: SearchQuery }[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted([
      ['two-char', 30],
      ['phrase', 20],
      ['english', 18],
      ['pinyin', 12],
      ['typo', 5],
      ['browse', 15],
    ] as const);
    const q = {
      'two-char': TWO_CHAR,
      phrase: PHRASES,
      english: ENGLISH,
      pinyin: PINYIN,
      typo: TYPOS,
      browse: [''],
    }[kind];
    const filters = emptyFilters();
    let priceMaxFen: number | null = null;
    const filtered = rng.chance(0.5);
    if (filtered) {
      if (rng.chance(0.5)) filters.level = rng.sample(LEVELS, rng.int(1, 2));
      if (rng.chance(0.4)) filters.region = [rng.pick(['5101', '5106', '5107', '5115'])];
      if (rng.chance(0.4)) filters.industry = [rng.pick(['34', '39', '15', '26'])];
      if (rng.chance(0.3)) filters.size = [rng.pick(['micro', 'small', 'medium'])];
      if (rng.chance(0.3)) priceMaxFen = rng.pick([50_000, 500_000, 2_000_000]);
    }
    const sort = rng.chance(0.1) ? 'price-asc' : undefined;
    out.push({
      kind: filtered ? `${kind}+filters` : kind,
      query: makeQuery({ q: rng.pick(q), filters, priceMaxFen, sort, page: rng.chance(0.1) ? 2 : 1 }),
    });
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** `--keep DIR`: build the catalog database in DIR once and reuse it on later runs (same size and analysis). */
function keptDir(): string | null {
  const i = process.argv.indexOf('--keep');
  return i >= 0 ? path.resolve(process.argv[i + 1] ?? '.bench') : null;
}

async function main() {
  const offerings = arg('offerings', 20_000);
  const queryCount = arg('queries', 1000);
  const kept = keptDir();
  const dir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `search-${offerings}-a${ANALYSIS_VERSION}.db`);
  const reuse = kept !== null && fs.existsSync(file);
  const db = openDatabase(file);
  try {
    runMigrations(db);
    const entries = benchCatalog(offerings);
    console.log(
      `Catalog: ${offerings.toLocaleString('en-US')} offerings of ${entries.length} providers (deterministic)`,
    );
    let started = performance.now();
    if (reuse) {
      console.log(`catalog:import skipped: reusing ${file}`);
    } else {
      const summary = importCatalog(db, entries, {
        actorUserId: null,
        publish: true,
        partial: false,
        source: 'bench',
      });
      const importSeconds = (performance.now() - started) / 1000;
      if (!summary.written)
        throw new Error(
          `bench catalog did not import: ${summary.errors[0]?.path} ${summary.errors[0]?.message}`,
        );
      console.log(
        `catalog:import (--publish, with search indexing): ${importSeconds.toFixed(1)} s (${((importSeconds * 1e6) / offerings).toFixed(0)} µs per offering)`,
      );
    }

    const engine = new SqliteSearchEngine(db);
    // `--no-like`: the engine alone (for profiling; the LIKE scan takes seconds per query at 100,000).
    const withLike = !process.argv.includes('--no-like');
    const like = withLike ? new LikeScan(db) : null;
    started = performance.now();
    engine.searchSync(makeQuery());
    console.log(
      `First search (loads the in-memory columns and jieba): ${(performance.now() - started).toFixed(0)} ms`,
    );
    const queries = benchQueries(queryCount);
    // Warm both paths (statement preparation, page cache) before measuring.
    for (const { query } of queries.slice(0, 50)) {
      engine.searchSync(query);
      like?.search(query);
    }
    const engineTimes: number[] = [];
    const engineCpu: number[] = [];
    const likeTimes: number[] = [];
    const byKind = new Map<string, number[]>();
    // Each side as its own stream, as a server would see it: interleaving a LIKE scan of the whole
    // table between two searches evicts the engine's working set from the CPU caches.
    for (const { kind, query } of queries) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      engine.searchSync(query);
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      engineTimes.push(ms);
      engineCpu.push((used.user + used.system) / 1000);
      byKind.set(kind.replace('+filters', ''), [...(byKind.get(kind.replace('+filters', '')) ?? []), ms]);
    }
    if (like) {
      for (const { query } of queries) {
        const t = performance.now();
        like.search(query);
        likeTimes.push(performance.now() - t);
      }
    }
    // The engine memoises plans and the matched sets of clauses (common words repeat across
    // queries). Measured above as a stream of searches; here every distinct search once more
    // with those memos dropped first, as the first search for it after a catalog change runs.
    const distinct = [...new Map(queries.map(({ query }) => [JSON.stringify(query), query])).values()];
    const coldTimes: number[] = [];
    for (const query of distinct) {
      engine.forgetMemos();
      const t = performance.now();
      engine.searchSync(query);
      coldTimes.push(performance.now() - t);
    }
    const e = stats(engineTimes);
    const cold = stats(coldTimes);
    const l = stats(likeTimes);
    const c = stats(engineCpu);
    const f = (n: number) => n.toFixed(2).padStart(7);
    console.log(
      `\n${queryCount} queries (${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version})`,
    );
    console.log('                          p50      p95      p99   (ms)');
    console.log(`SQLite engine + facets ${f(e.p50)}  ${f(e.p95)}  ${f(e.p99)}`);
    console.log(`  (its CPU time)       ${f(c.p50)}  ${f(c.p95)}  ${f(c.p99)}`);
    console.log(
      `  (cold: ${String(distinct.length).padStart(3)} distinct) ${f(cold.p50)}  ${f(cold.p95)}  ${f(cold.p99)}`,
    );
    if (like) {
      console.log(`LIKE '%q%' scan        ${f(l.p50)}  ${f(l.p95)}  ${f(l.p99)}`);
      console.log(`ratio (LIKE / engine)  ${f(l.p50 / e.p50)}× ${f(l.p95 / e.p95)}× ${f(l.p99 / e.p99)}×`);
    }
    console.log('\nSQLite engine by query kind (p50 / p95 ms):');
    for (const [kind, times] of byKind) {
      const s = stats(times);
      console.log(
        `  ${kind.padEnd(9)} ${String(times.length).padStart(4)} queries  ${s.p50.toFixed(2)} / ${s.p95.toFixed(2)}`,
      );
    }
    console.log('\nAnswers (total matches, engine vs LIKE):');
    for (const q of [
      '制造',
      '设备预测性维护',
      'MES',
      '制造执行系统',
      'zhinengzhizao',
      'znzz',
      'monitering',
      'eq',
      '上云',
      'nengzhizao',
      'qeuipment',
      'servers',
      '生产管理',
      '免费的上云诊断',
    ]) {
      const query = makeQuery({ q });
      console.log(
        `  ${q.padEnd(14)} ${String(engine.searchSync(query).total).padStart(6)}  ${like ? String(like.search(query).total).padStart(6) : '     -'}`,
      );
    }
  } finally {
    db.$client.close();
    if (kept === null) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
