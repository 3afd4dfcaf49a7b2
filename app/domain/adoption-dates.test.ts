import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chinaDateOf, formatInChina, todayInChina } from './adoption-dates';

describe('dates in China time (UTC+8, no daylight saving)', () => {
  it('gives the China calendar date of a UTC timestamp: 17:30 UTC is already the next day', () => {
    expect(chinaDateOf('2026-03-01T15:59:59.000Z')).toBe('2026-03-01');
    expect(chinaDateOf('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
    expect(chinaDateOf('2026-12-31T17:30:00Z')).toBe('2027-01-01');
    expect(todayInChina(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });

  it('formats a timestamp in China time in Chinese and in English, whatever the process zone', () => {
    // 2026-03-01 17:30 UTC = 2026-03-02 01:30 in Chengdu.
    const zh = formatInChina('2026-03-01T17:30:00Z', 'zh-CN');
    expect(zh).toContain('2026年3月2日');
    expect(zh).toContain('01:30');
    const en = formatInChina('2026-03-01T17:30:00Z', 'en');
    expect(en).toMatch(/Mar 2, 2026/);
    expect(en).toMatch(/1:30\s?AM/);
    expect(formatInChina('2026-03-01T17:30:00Z', 'zh-CN', 'date')).toBe('2026年3月2日');
  });

  it('builds one formatter per locale and style, not one per call', () => {
    const Real = Intl.DateTimeFormat;
    let built = 0;
    vi.stubGlobal('Intl', {
      ...Intl,
      DateTimeFormat: function (...args: ConstructorParameters<typeof Real>) {
        built++;
        return new Real(...args);
      },
    });
    try {
      for (let i = 0; i < 50; i++) {
        formatInChina(`2026-04-0${1 + (i % 9)}T08:00:00Z`, 'en-GB');
        formatInChina(`2026-04-0${1 + (i % 9)}T08:00:00Z`, 'en-GB', 'date');
      }
      expect(built).toBeLessThanOrEqual(2);
      expect(formatInChina('2026-04-01T08:00:00Z', 'en-GB', 'date')).toBe('1 Apr 2026');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

/** Every .ts/.tsx file under app/, without tests. */
function appSources(dir = 'app'): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('pages show dates in China time', () => {
  const sources = appSources().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

  it('never build a date format without a time zone (the server runs in UTC, browsers anywhere)', () => {
    const offenders: string[] = [];
    for (const { file, text } of sources) {
      // app/charts/intl-format.ts memoises formats: its callers (dateTimeFormat(locale, {...})) must name the zone.
      const pattern =
        /new Intl\.DateTimeFormat\([^)]*\)|toLocale(Date|Time)?String\([^)]*\)|\bdateTimeFormat\([^)]*\)/g;
      for (const m of text.matchAll(pattern)) {
        const memo =
          file.endsWith(path.join('charts', 'intl-format.ts')) && /\(locale(: string)?, options/.test(m[0]);
        if (!memo && !/timeZone/.test(m[0])) offenders.push(`${file}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('never cut the UTC date out of a stored timestamp for display (use chinaDateOf)', () => {
    const offenders: string[] = [];
    for (const { file, text } of sources.filter((s) => s.file.endsWith('.tsx'))) {
      for (const m of text.matchAll(/\b\w*(At|\.at)\.slice\(0, 10\)/g)) offenders.push(`${file}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
