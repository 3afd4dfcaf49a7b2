import { describe, expect, it } from 'vitest';
import { LOCALES, messagesOf, translator, type MessageKey, type Messages } from '~/i18n';
import { translateError, translateKey, translatorOf } from './translate';

describe('translating keys with one language’s messages', () => {
  const messages = { 'errors.tooLong': '最多 {max} 个字', 'app.name': '云桥' } as unknown as Messages;
  const fallback = { 'nav.home': 'Home' } as unknown as Messages;
  const t = translatorOf(messages, fallback);

  it('fills parameters, falls back, and returns an unknown key as itself', () => {
    expect(t('errors.tooLong', { max: 80 })).toBe('最多 80 个字');
    expect(t('nav.home')).toBe('Home');
    expect(t('no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('translates a schema’s error key with its parameters and passes other text through', () => {
    expect(translateError(t, 'errors.tooLong|max=20')).toBe('最多 20 个字');
    expect(translateError(t, 'Bad file: line 3')).toBe('Bad file: line 3');
    expect(translateError(t, 'not.a.key|max=20')).toBe('not.a.key|max=20');
    expect(translateError(t, '')).toBe('');
  });

  it('shows the fallback for a word that has no message', () => {
    expect(translateKey(t, 'app.name', 'fallback')).toBe('云桥');
    expect(translateKey(t, 'official.audit.renamed', 'renamed')).toBe('renamed');
  });

  // translateKey and translateError tell a key from text by the translator returning it unchanged.
  it('has no message whose text is its own key, in either language', () => {
    for (const locale of LOCALES) {
      const same = Object.entries(messagesOf(locale)).filter(([key, text]) => key === text);
      expect(same, locale).toEqual([]);
    }
  });

  it('gives the server the same text as before the split', () => {
    expect(translator('en')('app.name')).toBe(messagesOf('en')['app.name']);
    expect(translateError(translator('zh-CN'), 'errors.tooLong|max=80')).toContain('80');
  });
});
