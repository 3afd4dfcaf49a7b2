// The display preference (issue 13, after MIIT's 2020 《互联网网站适老化通用设计规范》): the standard
// pages (标准版) or large text (大字版). Shared by the server (cookie, switch) and the page (the
// class on <html>, the switch's pressed state).

export const DISPLAYS = ['standard', 'large'] as const;
export type Display = (typeof DISPLAYS)[number];
export const DEFAULT_DISPLAY: Display = 'standard';

/** The class on <html> that turns large text on; the rules are in app/styles/large-text.ts. */
export const LARGE_TEXT_CLASS = 'text-large';

export function isDisplay(value: unknown): value is Display {
  return typeof value === 'string' && (DISPLAYS as readonly string[]).includes(value);
}
