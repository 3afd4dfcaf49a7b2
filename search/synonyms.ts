/**
 * Synonym groups as data (search_synonyms), seeded from search-api.md by the offerings_fts
 * migration and edited by officials. The SQLite engine reads them at query time (cached until
 * search_state.synonyms_version moves); Meilisearch gets them as its `synonyms` setting through
 * the outbox.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.server';
import { searchSynonyms } from '../db/schema';
import { cleanText } from './analysis/query';
import type { SynonymGroup } from './engine';
import { enqueueInTx } from './outbox';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export const MAX_SYNONYM_TERMS = 10;
export const MAX_SYNONYM_LENGTH = 40;

export function loadSynonyms(db: Pick<Db, 'select'>): SynonymGroup[] {
  return db
    .select({ terms: searchSynonyms.terms })
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.id))
    .all()
    .map((r) => r.terms);
}

export function listSynonymGroups(db: Pick<Db, 'select'>) {
  return db
    .select({ id: searchSynonyms.id, terms: searchSynonyms.terms, updatedAt: searchSynonyms.updatedAt })
    .from(searchSynonyms)
    .orderBy(asc(searchSynonyms.id))
    .all();
}

/** Trimmed, de-duplicated (case-insensitively) terms; null when fewer than two remain. */
export function normaliseSynonymTerms(terms: readonly string[]): string[] | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim().replace(/\s+/g, ' ');
    const key = cleanText(term);
    if (!key || seen.has(key) || term.length > MAX_SYNONYM_LENGTH) continue;
    seen.add(key);
    out.push(term);
  }
  return out.length >= 2 ? out.slice(0, MAX_SYNONYM_TERMS) : null;
}

/**
 * Creates (no id) or replaces a group in the caller's transaction, and queues the new list for
 * Meilisearch. Returns the id, or null when the terms do not make a group. The caller audits.
 */
export function saveSynonymGroupInTx(
  tx: Tx,
  opts: { id?: number; terms: readonly string[]; actorUserId: string | null },
): number | null {
  const terms = normaliseSynonymTerms(opts.terms);
  if (!terms) return null;
  let id = opts.id ?? null;
  if (id === null) {
    id = tx
      .insert(searchSynonyms)
      .values({ terms, updatedByUserId: opts.actorUserId })
      .returning({ id: searchSynonyms.id })
      .get().id;
  } else {
    const changed = tx
      .update(searchSynonyms)
      .set({ terms, updatedByUserId: opts.actorUserId, updatedAt: new Date().toISOString() })
      .where(eq(searchSynonyms.id, id))
      .returning({ id: searchSynonyms.id })
      .all();
    if (changed.length === 0) return null;
  }
  enqueueInTx(tx, { kind: 'synonyms' });
  return id;
}

export function deleteSynonymGroupInTx(tx: Tx, id: number): boolean {
  const deleted = tx
    .delete(searchSynonyms)
    .where(eq(searchSynonyms.id, id))
    .returning({ id: searchSynonyms.id })
    .all();
  if (deleted.length > 0) enqueueInTx(tx, { kind: 'synonyms' });
  return deleted.length > 0;
}
