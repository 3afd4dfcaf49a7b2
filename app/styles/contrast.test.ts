import { describe, expect, it } from 'vitest';
import { contrastRatio, lightestShadeReaching, relativeLuminance } from './contrast';

// Expected values from the definition and from published checks, not from the code:
// black on white is 21:1 by definition (1.05 / 0.05); #767676 on white is the well-known lightest
// grey passing 4.5:1 (4.54:1), #595959 the lightest passing 7:1 (7.00:1), as WebAIM's checker reports.

describe('WCAG contrast', () => {
  it('gives the endpoints of the scale', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#1e40af', '#1e40af')).toBeCloseTo(1, 10);
  });

  it('matches published ratios of common greys, in either order', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#595959')).toBeCloseTo(7.0, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('refuses what is not a hex colour', () => {
    expect(() => contrastRatio('rgb(0,0,0)', '#fff')).toThrow(/not a hex colour/);
  });
});

describe('lightestShadeReaching', () => {
  const greys = { 100: '#eeeeee', 500: '#767676', 600: '#5a5a5a', 700: '#595959', 900: '#111111' };

  it('keeps a shade that already reaches the ratio and darkens one that does not', () => {
    expect(lightestShadeReaching(greys, '700', ['#ffffff'])).toBe('700');
    // #5a5a5a is 6.9:1 on white, so 600 becomes 700 (#595959, 7.0:1).
    expect(lightestShadeReaching(greys, '500', ['#ffffff'])).toBe('700');
    expect(lightestShadeReaching(greys, '500', ['#ffffff'], 4.5)).toBe('500');
  });

  it('must reach the ratio against every background, and never lightens', () => {
    expect(lightestShadeReaching(greys, '500', ['#ffffff', '#eeeeee'])).toBe('900');
    expect(lightestShadeReaching(greys, '900', ['#ffffff'])).toBe('900');
    expect(lightestShadeReaching(greys, '100', ['#000000'])).toBe('100');
    expect(lightestShadeReaching({ 100: '#eeeeee' }, '100', ['#ffffff'])).toBeNull();
  });
});
