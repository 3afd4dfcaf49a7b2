import { describe, expect, it } from 'vitest';
import { highlightParts, unescapeHtml } from './highlight-parts';

describe('search highlights', () => {
  it('splits on <mark> and un-escapes the text', () => {
    expect(highlightParts('智能<mark>制造</mark> &amp; MES')).toEqual([
      { text: '智能', marked: false },
      { text: '制造', marked: true },
      { text: ' & MES', marked: false },
    ]);
  });

  it('turns an escaped <script> into inert text, never markup', () => {
    const parts = highlightParts('&lt;script&gt;alert(1)&lt;/script&gt;<mark>制造</mark>');
    expect(parts[0]).toEqual({ text: '<script>alert(1)</script>', marked: false });
    expect(parts[1]).toEqual({ text: '制造', marked: true });
  });

  it('keeps unknown entities and stray tags as literal text', () => {
    expect(unescapeHtml('&bogus; &#39;a&#x27; &#0;')).toBe("&bogus; 'a' &#0;");
    expect(highlightParts('<b>x</b>')).toEqual([{ text: '<b>x</b>', marked: false }]);
  });
});
