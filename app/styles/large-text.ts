import plugin from 'tailwindcss/plugin';
import { ENHANCED_CONTRAST, lightestShadeReaching } from './contrast';

// 大字版 (issue 13): the rules that apply when <html> has the class `text-large` (app/utils/display.ts),
// after MIIT's 2020 《互联网网站适老化通用设计规范》 and WCAG 2.x AAA:
//   - body text at least 18 px: the root size becomes 18 px, and text-xs / text-sm (12 / 14 px) are
//     lifted to it; larger sizes grow with the root;
//   - touch targets at least 44 × 44 px (WCAG 2.5.5): links, buttons, fields, <summary>, and the
//     labels of checkboxes and radios (the label is the target; the box itself grows too);
//   - text contrast at least 7:1 (WCAG 1.4.6): every text colour of the palette that falls short on
//     white, slate-50/100 or its own pale tints (50/100, the backgrounds of badges and notes) is
//     drawn in the lightest darker shade of the same hue that reaches 7:1 on all of them; solid
//     backgrounds under white text (buttons, the bell's count, the home page's banner) are
//     darkened until white reaches 7:1;
//   - links underlined, so they are not told from text by colour alone.
// The colours are computed from the theme, so a colour class added later is covered too. Written as
// a plugin so the rules land in the one stylesheet every page already loads.

const LARGE = 'html.text-large';
const WHITE = '#ffffff';
/** Tailwind's text-xs and text-sm (0.75rem, 0.875rem): below 18 px even at an 18 px root. */
const SMALL_TEXT = ['.text-xs', '.text-sm'];
/** Text shades to check. 50–300 are the light text of dark backgrounds (and must stay light). */
const TEXT_SHADES = ['400', '500', '600', '700', '800', '900'];
/** Solid background shades that carry white text. */
const SOLID_SHADES = ['400', '500', '600', '700'];
/** The component classes of app/tailwind.css that paint their own background under white text. */
const SOLID_COMPONENTS: Record<string, { hue: string; shade: string }> = {
  '.btn-primary': { hue: 'brand', shade: '700' },
  '.btn-danger': { hue: 'red', shade: '700' },
};

type Palette = Record<string, string>;
type Rules = Record<string, Record<string, string>>;

function palettes(colors: Record<string, unknown>): [string, Palette][] {
  return Object.entries(colors).filter(
    (entry): entry is [string, Palette] =>
      typeof entry[1] === 'object' &&
      entry[1] !== null &&
      Object.values(entry[1]).every((v) => typeof v === 'string' && v.startsWith('#')),
  );
}

/** The large-text colour rules for a theme's palettes, one rule per declaration (exported for the tests). */
export function contrastRules(colors: Record<string, unknown>): Rules {
  const rules: Rules = {};
  collectContrastRules(colors, rules);
  return groupBySelectorDeclarations(rules);
}

/** `{ sel1: d, sel2: d }` → `{ 'html.text-large :is(sel1, sel2)': d }`: a few hundred rules become a few dozen. */
function groupBySelectorDeclarations(rules: Rules): Rules {
  const groups = new Map<string, string[]>();
  for (const [selector, declarations] of Object.entries(rules)) {
    const key = JSON.stringify(declarations);
    groups.set(key, [...(groups.get(key) ?? []), selector.slice(LARGE.length + 1)]);
  }
  return Object.fromEntries(
    [...groups].map(([key, selectors]) => [
      `${LARGE} :is(${selectors.join(', ')})`,
      JSON.parse(key) as Record<string, string>,
    ]),
  );
}

function collectContrastRules(colors: Record<string, unknown>, rules: Rules): void {
  const all = Object.fromEntries(palettes(colors));
  const slate = all.slate ?? {};
  for (const [hue, palette] of Object.entries(all)) {
    const pale = [WHITE, slate['50'], slate['100'], palette['50'], palette['100']].filter(
      (c): c is string => !!c,
    );
    for (const shade of TEXT_SHADES) {
      if (!palette[shade]) continue;
      const to = lightestShadeReaching(palette, shade, pale, ENHANCED_CONTRAST);
      const colour = to ? palette[to]! : (slate['900'] ?? '#0f172a');
      if (to !== shade) rules[`${LARGE} .text-${hue}-${shade}`] = { color: colour };
    }
    for (const shade of SOLID_SHADES) {
      if (!palette[shade]) continue;
      const to = lightestShadeReaching(palette, shade, [WHITE], ENHANCED_CONTRAST);
      if (to === shade) continue;
      const colour = to ? palette[to]! : (slate['900'] ?? '#0f172a');
      rules[`${LARGE} .bg-${hue}-${shade}`] = { 'background-color': colour };
      rules[`${LARGE} .from-${hue}-${shade}`] = {
        '--tw-gradient-from': `${colour} var(--tw-gradient-from-position)`,
      };
      rules[`${LARGE} .to-${hue}-${shade}`] = {
        '--tw-gradient-to': `${colour} var(--tw-gradient-to-position)`,
      };
    }
  }
  for (const [selector, { hue, shade }] of Object.entries(SOLID_COMPONENTS)) {
    const palette = all[hue];
    if (!palette) continue;
    const to = lightestShadeReaching(palette, shade, [WHITE], ENHANCED_CONTRAST);
    if (!to || to === shade) continue;
    // The hover shade: one step darker where the palette has one.
    const darker = Object.keys(palette).find((s) => Number(s) > Number(to)) ?? to;
    rules[`${LARGE} ${selector}`] = { 'background-color': palette[to]! };
    rules[`${LARGE} ${selector}:hover`] = { 'background-color': palette[darker]! };
  }
}

const TARGETS = [
  'a[href]',
  'button',
  'select',
  'textarea',
  'summary',
  'input:not([type="hidden"], [type="checkbox"], [type="radio"])',
].join(', ');

export const largeText = plugin(({ addBase, theme }) => {
  const slate = theme('colors.slate') as Palette;
  addBase({
    // 1rem = 18 px from here on, so spacing and headings grow with the text.
    [LARGE]: { 'font-size': '112.5%' },
    [`${LARGE} body`]: { 'line-height': '1.6' },
    [`${LARGE} :is(${SMALL_TEXT.join(', ')})`]: { 'font-size': '1rem', 'line-height': '1.6' },
    // Targets: a minimum box, whatever the element's own padding. Links become flex boxes only where
    // no class sets their display (zero specificity), so `hidden` / `block` / `md:inline` still win.
    [`${LARGE} :where(${TARGETS}):not(.sr-only)`]: { 'min-height': '44px', 'min-width': '44px' },
    [`:where(${LARGE} a[href]:not(.sr-only))`]: { display: 'inline-flex', 'align-items': 'center' },
    [`${LARGE} input:is([type="checkbox"], [type="radio"])`]: { width: '1.5rem', height: '1.5rem' },
    [`${LARGE} label:has(> input:is([type="checkbox"], [type="radio"]))`]: {
      'min-height': '44px',
      'align-items': 'center',
    },
    // Links are underlined (not told by colour alone); buttons drawn as links keep their frame.
    [`${LARGE} a[href]:not(.btn, .btn-primary, .btn-secondary, .btn-danger)`]: {
      'text-decoration-line': 'underline',
      'text-underline-offset': '0.2em',
    },
    [`${LARGE} ::placeholder`]: { color: slate['600'] ?? '#475569', opacity: '1' },
    ...contrastRules(theme('colors') as Record<string, unknown>),
  });
});
