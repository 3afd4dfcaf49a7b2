/**
 * Compiles a query plan (search/analysis/query.ts) to an FTS5 MATCH expression. Every token is
 * a double-quoted FTS5 string (inner quotes doubled), so nothing typed can become query
 * syntax; column filters send each form to the columns where it can occur.
 */
import type { Clause, QueryPlan, Term, TermForm } from '../analysis/query';
import { hasHan } from '../analysis/text';

export const HAN_WORD_COLUMNS = '{tokens_title tokens_provider tokens_summary tokens_body}';
export const LATIN_WORD_COLUMNS =
  '{tokens_title tokens_provider tokens_summary tokens_body tokens_pinyin tokens_initials}';

export function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function form(f: TermForm): string {
  switch (f.kind) {
    case 'word':
      return `${hasHan(f.text) ? HAN_WORD_COLUMNS : LATIN_WORD_COLUMNS} : ${quote(f.text)}`;
    case 'prefix':
      return `${LATIN_WORD_COLUMNS} : ${quote(f.text)} *`;
    case 'stem':
      // Stems are indexed in the word columns only (search/analysis/document.ts).
      return `${HAN_WORD_COLUMNS} : ${quote(f.text)}`;
    case 'chars':
      // The unigram column holds one token per Han character: a phrase of them is a substring.
      return `tokens_chars : ${quote([...f.text].join(' '))}`;
    case 'near':
      // Search-mode cutting puts sub-words between a phrase's words (产品 生命 周期 生命周期 管理).
      return `${HAN_WORD_COLUMNS} : NEAR(${f.words.map(quote).join(' ')}, ${2 * f.words.length})`;
  }
}

function group(parts: string[], op: 'AND' | 'OR'): string {
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(` ${op} `)})`;
}

function term(t: Term): string {
  return group(t.forms.map(form), 'OR');
}

/** One clause as a MATCH expression (the zero-results suggester tests clauses one by one). */
export function compileClause(c: Clause): string {
  return group(
    c.options.map((option) => group(option.map(term), 'AND')),
    'OR',
  );
}

/**
 * The offerings where a Chinese phrase stands whole (QueryPlan.phrase) in some field: a word or
 * join of the index (segment.ts, wordJoins — built within runs of Han characters, so unlike
 * NEAR it never spans punctuation). Titles and summaries are also checked as text (relevance.ts).
 */
export function compilePhrase(plan: QueryPlan): string | null {
  if (!plan.phrase) return null;
  return `${HAN_WORD_COLUMNS} : ${quote(plan.phrase.text)}`;
}

/** The MATCH expression, or null when the plan has nothing to match (browse). */
export function compileMatch(plan: QueryPlan): string | null {
  if (plan.clauses.length === 0) return null;
  return plan.clauses.map(compileClause).join(' AND ');
}
