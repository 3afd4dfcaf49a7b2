import { describe, expect, it } from 'vitest';
import { normaliseSynonymTerms } from './synonyms';

describe('a synonym group’s terms', () => {
  it('are trimmed, blank ones skipped, and repeats dropped as search sees them', () => {
    expect(normaliseSynonymTerms(['  MES ', '', 'ＭＥＳ', 'mes!', '制造执行  系统'])).toEqual({
      ok: true,
      terms: ['MES', '制造执行 系统'],
    });
  });

  it('are refused whole, never cut or dropped: too few, too many, too long, no letters or digits', () => {
    expect(normaliseSynonymTerms(['MES', 'mes'])).toEqual({ ok: false, error: 'tooFew' });
    // The limits the synonyms page's hint states: at most 10 terms of at most 40 characters.
    const terms = Array.from({ length: 11 }, (_, i) => `term${i}`);
    expect(normaliseSynonymTerms(terms)).toEqual({ ok: false, error: 'tooMany' });
    expect(normaliseSynonymTerms(terms.slice(0, 10))).toMatchObject({ ok: true });
    expect(normaliseSynonymTerms(['MES', '长'.repeat(41)])).toEqual({ ok: false, error: 'termTooLong' });
    expect(normaliseSynonymTerms(['MES', '长'.repeat(40)])).toMatchObject({ ok: true });
    expect(normaliseSynonymTerms(['MES', '制造执行', '——'])).toEqual({ ok: false, error: 'noText' });
  });

  it('count characters as people do: one for 𠮷, though it is two UTF-16 units', () => {
    expect(normaliseSynonymTerms(['MES', '𠮷'.repeat(40)])).toMatchObject({ ok: true });
    expect(normaliseSynonymTerms(['MES', '𠮷'.repeat(41)])).toEqual({ ok: false, error: 'termTooLong' });
  });
});
