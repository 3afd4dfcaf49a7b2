// WCAG 2.x contrast, as defined in the Recommendation (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
// and #dfn-relative-luminance): relative luminance of an sRGB colour, then (L1 + 0.05) / (L2 + 0.05).
// Used by the large-text rules (app/styles/large-text.ts) to pick text colours of at least 7:1
// (WCAG 1.4.6, the level MIIT's 2020 适老化 rules ask of large-text pages).

/** WCAG 1.4.6 Contrast (Enhanced): 7:1 for body text. */
export const ENHANCED_CONTRAST = 7;

/** `#rgb` or `#rrggbb` → [r, g, b] in 0–255; throws on anything else (the palette is ours). */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((channel) => {
    const c = channel / 255;
    // WCAG 2.x's threshold (0.03928; the sRGB standard's 0.04045 gives the same result for 8-bit values).
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The lightest shade of a palette (Tailwind's `{ 50: '#…', …, 950: '#…' }`) that is no lighter than
 * `from` and reaches `ratio` against every colour in `against`; null when even the darkest does not.
 */
export function lightestShadeReaching(
  palette: Readonly<Record<string, string>>,
  from: string,
  against: readonly string[],
  ratio: number = ENHANCED_CONTRAST,
): string | null {
  const shades = Object.keys(palette)
    .filter((shade) => /^\d+$/.test(shade) && Number(shade) >= Number(from))
    .sort((x, y) => Number(x) - Number(y));
  for (const shade of shades) {
    const colour = palette[shade]!;
    if (against.every((background) => contrastRatio(colour, background) >= ratio)) return shade;
  }
  return null;
}
