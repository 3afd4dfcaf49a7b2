import { describe, it, expect } from 'vitest';
import {
  ADOPTION_LEVELS,
  ADOPTION_LEVEL_IDS,
  isAdoptionLevel,
  levelName,
  parseAdoptionLevel,
} from './adoption-levels';

describe('adoption levels', () => {
  it('lists the five levels in order from infrastructure to industrial apps', () => {
    expect(ADOPTION_LEVEL_IDS).toEqual(['iaas', 'paas', 'saas', 'platform', 'industrial-app']);
    expect(ADOPTION_LEVELS.map((l) => l.nameZh)).toEqual([
      '基础设施上云',
      '平台系统上云',
      '业务应用上云',
      '工业互联网平台',
      '工业APP',
    ]);
  });

  it('guards level ids', () => {
    expect(isAdoptionLevel('saas')).toBe(true);
    expect(isAdoptionLevel('SaaS')).toBe(false);
    expect(isAdoptionLevel('业务应用上云')).toBe(false);
    expect(isAdoptionLevel(undefined)).toBe(false);
  });

  it('parses every id and every Chinese name', () => {
    for (const level of ADOPTION_LEVELS) {
      expect(parseAdoptionLevel(level.id)).toBe(level.id);
      expect(parseAdoptionLevel(level.nameZh)).toBe(level.id);
    }
  });

  it('parses with surrounding spaces and any letter case', () => {
    expect(parseAdoptionLevel('  SaaS ')).toBe('saas');
    expect(parseAdoptionLevel('工业app')).toBe('industrial-app');
    expect(parseAdoptionLevel(' 平台系统上云\t')).toBe('paas');
  });

  it('rejects unknown levels', () => {
    expect(parseAdoptionLevel('')).toBeNull();
    expect(parseAdoptionLevel('上云')).toBeNull();
    expect(parseAdoptionLevel('industrial_app')).toBeNull();
  });

  it('names levels in Chinese and English', () => {
    expect(levelName('iaas', 'zh-CN')).toBe('基础设施上云');
    expect(levelName('iaas', 'en')).toBe('Infrastructure on cloud (IaaS)');
    expect(levelName('industrial-app', 'en')).toBe('Industrial app');
  });
});
