import { describe, expect, it } from 'vitest';
import { acceptedLocale } from './api-locale.server';

describe('acceptedLocale', () => {
  it.each([
    ['en-GB,en;q=0.9,zh;q=0.5', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.3,zh-TW;q=0.8', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['', 'zh-CN'],
  ])('reads %j as %s', (header, locale) => {
    expect(acceptedLocale(header)).toBe(locale);
  });

  it('answers Chinese without the header', () => {
    expect(acceptedLocale(null)).toBe('zh-CN');
  });
});
