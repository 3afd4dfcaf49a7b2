import colors from 'tailwindcss/colors';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';
import { contrastRules } from './large-text';

// The large-text colour rules over Tailwind's own palette plus our brand blues (tailwind.config.ts).
// Expected facts come from the colours, not from the code: Tailwind's slate-500 (#64748b) is about
// 4.8:1 on white, short of WCAG 1.4.6's 7:1; slate-700 (#334155) is over 10:1; red-700 (#b91c1c)
// under white text is about 6.5:1.

const theme = {
  slate: colors.slate,
  red: colors.red,
  amber: colors.amber,
  brand: { 50: '#eff6ff', 100: '#dbeafe', 600: '#1d4ed8', 700: '#1e40af', 800: '#1e3a8a' },
  white: '#fff',
  transparent: 'transparent',
};
const rules = contrastRules(theme);

/** The declaration a selector gets in large mode (rules are grouped as `html.text-large :is(a, b)`). */
function declarationFor(selector: string): Record<string, string> | undefined {
  const hit = Object.entries(rules).find(([key]) =>
    key
      .slice(key.indexOf(':is(') + 4, -1)
      .split(', ')
      .includes(selector),
  );
  return hit?.[1];
}

describe('large-text colours', () => {
  it('darkens grey text that is short of 7:1 and leaves text that reaches it', () => {
    expect(contrastRatio(colors.slate[500], '#ffffff')).toBeLessThan(7);
    const slate500 = declarationFor('.text-slate-500');
    expect(slate500).toBeDefined();
    for (const background of ['#ffffff', colors.slate[50], colors.slate[100]])
      expect(contrastRatio(slate500!.color!, background)).toBeGreaterThanOrEqual(7);
    expect(declarationFor('.text-slate-700')).toBeUndefined();
    expect(declarationFor('.text-slate-900')).toBeUndefined();
  });

  it('gives every listed text colour 7:1 on white and on its own pale tints (badges)', () => {
    for (const [key, declaration] of Object.entries(rules)) {
      if (!declaration.color) continue;
      const hue = /\.text-([a-z]+)-\d+/.exec(key)![1] as keyof typeof theme;
      const palette = theme[hue] as Record<string, string>;
      for (const background of ['#ffffff', palette['50'], palette['100']].filter(Boolean) as string[])
        expect(
          contrastRatio(declaration.color, background),
          `${key} on ${background}`,
        ).toBeGreaterThanOrEqual(7);
    }
  });

  it('leaves light text shades alone (they sit on dark backgrounds)', () => {
    expect(declarationFor('.text-slate-300')).toBeUndefined();
    expect(declarationFor('.text-slate-50')).toBeUndefined();
  });

  it('darkens solid backgrounds and buttons until white text reaches 7:1', () => {
    expect(contrastRatio('#ffffff', colors.red[700])).toBeLessThan(7);
    for (const selector of ['.bg-red-700', '.btn-danger', '.to-brand-600']) {
      const declaration = declarationFor(selector);
      expect(declaration, selector).toBeDefined();
      const colour = declaration!['background-color'] ?? declaration!['--tw-gradient-to']!.split(' ')[0]!;
      expect(contrastRatio('#ffffff', colour), selector).toBeGreaterThanOrEqual(7);
    }
    // brand-700 already carries white text at over 8:1: the primary button keeps its colour.
    expect(declarationFor('.btn-primary')).toBeUndefined();
  });
});
