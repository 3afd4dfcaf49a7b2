// Cloud-adoption levels: the three tiers of MIIT 《推动企业上云实施指南（2018-2020年）》
// plus the industrial-internet tiers the Sichuan plan promotes (工业互联网平台, 工业APP).
// Offerings, adoption events and prefecture reports all use these ids.

export const ADOPTION_LEVELS = [
  { id: 'iaas', nameZh: '基础设施上云', nameEn: 'Infrastructure on cloud (IaaS)' },
  { id: 'paas', nameZh: '平台系统上云', nameEn: 'Platform systems on cloud (PaaS)' },
  { id: 'saas', nameZh: '业务应用上云', nameEn: 'Business applications on cloud (SaaS)' },
  { id: 'platform', nameZh: '工业互联网平台', nameEn: 'Industrial internet platform' },
  { id: 'industrial-app', nameZh: '工业APP', nameEn: 'Industrial app' },
] as const;

export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number]['id'];

export const ADOPTION_LEVEL_IDS: readonly AdoptionLevel[] = ADOPTION_LEVELS.map((l) => l.id);

export function isAdoptionLevel(value: unknown): value is AdoptionLevel {
  return ADOPTION_LEVELS.some((l) => l.id === value);
}

/**
 * Reads a level from an id or its Chinese name. Prefecture report spreadsheets are
 * typed by hand, so surrounding spaces and case ("工业app", "SaaS") are forgiven.
 */
export function parseAdoptionLevel(input: string): AdoptionLevel | null {
  const wanted = input.trim().toLowerCase();
  const entry = ADOPTION_LEVELS.find((l) => l.id === wanted || l.nameZh.toLowerCase() === wanted);
  return entry ? entry.id : null;
}

export function levelName(id: AdoptionLevel, locale: 'zh-CN' | 'en'): string {
  const entry = ADOPTION_LEVELS.find((l) => l.id === id);
  if (!entry) return id;
  return locale === 'en' ? entry.nameEn : entry.nameZh;
}
