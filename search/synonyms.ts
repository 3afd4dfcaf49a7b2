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

/** Distinct terms a group holds at most. */
export const MAX_SYNONYM_TERMS = 10;
/** Characters (code points, as people count them: 𠮷 is one) a term holds at most. */
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

export type SynonymTermsError = 'tooFew' | 'tooMany' | 'termTooLong' | 'noText';

/**
 * The one check of a group's terms, used by the officials' form (app/schemas/search-admin.ts) and
 * by saveSynonymGroupInTx, so the form refuses exactly what the model would: terms trimmed, blank
 * ones skipped, repeats dropped as search sees them (cleanText: ＭＥＳ, mes and MES are one term);
 * a term with no letter or digit (search could never match it) or longer than MAX_SYNONYM_LENGTH,
 * fewer than two or more than MAX_SYNONYM_TERMS distinct terms make the whole group an error —
 * nothing is dropped or cut silently.
 */
export function normaliseSynonymTerms(
  terms: readonly string[],
): { ok: true; terms: string[] } | { ok: false; error: SynonymTermsError } {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim().replace(/\s+/g, ' ');
    if (!term) continue;
    const key = cleanText(term);
    if (!key) return { ok: false, error: 'noText' };
    if ([...term].length > MAX_SYNONYM_LENGTH) return { ok: false, error: 'termTooLong' };
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  if (out.length < 2) return { ok: false, error: 'tooFew' };
  if (out.length > MAX_SYNONYM_TERMS) return { ok: false, error: 'tooMany' };
  return { ok: true, terms: out };
}

/**
 * Creates (no id) or replaces a group in the caller's transaction, and queues the new list for
 * Meilisearch. Returns the id; why the terms do not make a group (normaliseSynonymTerms); or
 * 'notFound' for an id that is not there. The caller audits.
 */
export function saveSynonymGroupInTx(
  tx: Tx,
  opts: { id?: number; terms: readonly string[]; actorUserId: string | null },
): { ok: true; id: number } | { ok: false; error: SynonymTermsError | 'notFound' } {
  const checked = normaliseSynonymTerms(opts.terms);
  if (!checked.ok) return checked;
  const { terms } = checked;
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
    if (changed.length === 0) return { ok: false, error: 'notFound' };
  }
  enqueueInTx(tx, { kind: 'synonyms' });
  return { ok: true, id };
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
