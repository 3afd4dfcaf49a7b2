/**
 * Writes of the SQLite engine. Synchronous on purpose: catalog models call them inside their
 * own transaction, so the index changes atomically with the offering (no lag, no half state).
 * A document is one search_documents row (what is shown, filtered and sorted on) plus one row
 * of the contentless FTS5 table offerings_fts with the same rowid (what is matched).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { searchDocuments } from '../../db/schema';
import { analyseDocument } from '../analysis/document';
import { compact } from '../analysis/text';
import type { SearchDocument } from '../engine';
import { connectionOf, statement } from './client';

/** Bump when analysis changes: every document's hash changes, so a reindex rewrites them all. */
// 2: pinyin spans from any character, joins of neighbouring words, English stems (issue 14).
export const ANALYSIS_VERSION = 2;

export function documentHash(doc: SearchDocument): string {
  return createHash('sha1')
    .update(JSON.stringify([ANALYSIS_VERSION, doc]))
    .digest('base64url');
}

const COLUMNS = [
  'offering_id', 'provider_id', 'external_id', 'provider_name', 'provider_name_en', 'title', 'title_en', 'summary',
  'level', 'categories', 'industries', 'sizes', 'regions', 'certifications', 'min_price_fen', 'published_at',
  'title_compact', 'summary_compact', 'source_hash', 'updated_at',
] as const; // prettier-ignore

// An upsert keeps doc_id (the FTS rowid) stable.
const UPSERT_SQL = `INSERT INTO search_documents (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (offering_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}
  RETURNING doc_id`;

const FTS_INSERT_SQL = `INSERT INTO offerings_fts (rowid, tokens_title, tokens_provider, tokens_summary, tokens_body,
  tokens_pinyin, tokens_initials, tokens_chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

function rowValues(doc: SearchDocument, hash: string): unknown[] {
  const list = JSON.stringify;
  return [
    doc.id, doc.providerId, doc.externalId, doc.providerName, doc.providerNameEn, doc.title, doc.titleEn, doc.summary,
    doc.level, list(doc.categories), list(doc.industries), list(doc.sizes), list(doc.regions), list(doc.certifications),
    doc.minPriceFen, doc.publishedAt,
    compact(`${doc.title} ${doc.titleEn ?? ''}`), compact(doc.summary), hash, new Date().toISOString(),
  ]; // prettier-ignore
}

const termSets = new WeakMap<object, Set<string>>();

/**
 * The typo dictionary's words, so a write inserts only new ones (most words of a new offering
 * are already known). Should a transaction that added words roll back, the set over-claims a
 * few words: typo correction misses them until a reindex adds them, nothing worse.
 */
function knownTerms(sqlite: Parameters<typeof statement>[0]): Set<string> {
  let set = termSets.get(sqlite);
  if (!set) {
    set = new Set(statement(sqlite, 'SELECT term FROM search_terms').pluck().all() as string[]);
    termSets.set(sqlite, set);
  }
  return set;
}

/**
 * Inserts or replaces the document, in the caller's transaction; an unchanged one (same hash)
 * is left alone. Returns whether it wrote.
 */
export function storeDocument(tx: object, doc: SearchDocument): boolean {
  const sqlite = connectionOf(tx);
  const hash = documentHash(doc);
  const current = statement(
    sqlite,
    'SELECT doc_id, source_hash FROM search_documents WHERE offering_id = ?',
  ).get(doc.id) as { doc_id: number; source_hash: string } | undefined;
  if (current?.source_hash === hash) return false;
  const text = analyseDocument(doc);
  const docId = statement(sqlite, UPSERT_SQL).pluck().get(rowValues(doc, hash)) as number;
  if (current) statement(sqlite, 'DELETE FROM offerings_fts WHERE rowid = ?').run(docId);
  statement(sqlite, FTS_INSERT_SQL).run(
    docId,
    text.title,
    text.provider,
    text.summary,
    text.body,
    text.pinyin,
    text.initials,
    text.chars,
  );
  const known = knownTerms(sqlite);
  for (const word of text.dictionary) {
    if (known.has(word)) continue;
    statement(sqlite, 'INSERT OR IGNORE INTO search_terms (term) VALUES (?)').run(word);
    known.add(word);
  }
  return true;
}

/** Removes documents by offering id (a no-op for ones not indexed); a trigger drops their FTS rows. */
export function dropDocuments(tx: object, offeringIds: readonly string[]): void {
  const del = statement(connectionOf(tx), 'DELETE FROM search_documents WHERE offering_id = ?');
  for (const id of offeringIds) del.run(id);
}

export function dropAllDocuments(tx: object): void {
  const sqlite = connectionOf(tx);
  statement(sqlite, 'DELETE FROM search_documents').run();
  statement(sqlite, "INSERT INTO offerings_fts (offerings_fts) VALUES ('delete-all')").run();
}

export function indexedOfferingIds(db: Pick<Db, 'select'>): string[] {
  return db
    .select({ id: searchDocuments.offeringId })
    .from(searchDocuments)
    .all()
    .map((r) => r.id);
}

export function countIndexed(db: Pick<Db, 'select'>): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(searchDocuments)
      .get()?.n ?? 0
  );
}
