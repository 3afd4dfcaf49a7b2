/**
 * The benchmark's baseline: what search would be without an index — one LIKE '%q%' scan of the
 * published offerings of approved providers over title, English title, summary, description,
 * tags and provider name, with the same filters in plain SQL, returning the count and the page.
 * It has no facets, synonyms, pinyin, segmentation or typo tolerance.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import type { SearchQuery } from '../../search/engine';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const listFilter = (column: string, universal: boolean, values: string[]) =>
  `(${universal ? `${column} = '[]' OR ` : ''}EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN (${values.map(() => '?').join(', ')})))`;

export class LikeScan {
  private readonly sqlite: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(db: Db) {
    this.sqlite = db.$client;
  }

  search(query: SearchQuery): { total: number; ids: string[] } {
    const where = ["o.status = 'published'", "p.status = 'approved'"];
    const params: unknown[] = [];
    if (query.q) {
      const columns = ['o.title_zh', 'o.title_en', 'o.summary', 'o.description', 'o.tags', 'p.name_zh'];
      where.push(`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      params.push(...columns.map(() => `%${escapeLike(query.q)}%`));
    }
    const f = query.filters;
    if (f.level.length) {
      where.push(`o.level IN (${f.level.map(() => '?').join(', ')})`);
      params.push(...f.level);
    }
    for (const [column, values, universal] of [
      ['o.categories', f.category, false],
      ['o.industries', f.industry, true],
      ['o.sizes', f.size, true],
      ['o.regions', f.region, true],
      ['p.certifications', f.cert, false],
    ] as const) {
      if (values.length === 0) continue;
      where.push(listFilter(column, universal, values));
      params.push(...values);
    }
    const minPrice = '(SELECT min(price_fen) FROM offering_plans WHERE offering_id = o.id)';
    if (query.priceMaxFen !== null) {
      where.push(`${minPrice} <= ?`);
      params.push(query.priceMaxFen);
    }
    const order =
      query.sort === 'price-asc'
        ? `${minPrice} IS NULL, ${minPrice}, o.published_at DESC`
        : 'o.published_at DESC';
    const source = `SELECT o.id, o.title_zh, o.summary, p.name_zh FROM offerings o JOIN providers p ON p.id = o.provider_id
      WHERE ${where.join(' AND ')} ORDER BY ${order}`;
    let stmt = this.statements.get(source);
    if (!stmt) {
      stmt = this.sqlite.prepare(source).raw();
      this.statements.set(source, stmt);
    }
    const rows = stmt.all(...params) as [string, string, string, string][];
    const from = (query.page - 1) * query.perPage;
    return { total: rows.length, ids: rows.slice(from, from + query.perPage).map((r) => r[0]) };
  }
}
