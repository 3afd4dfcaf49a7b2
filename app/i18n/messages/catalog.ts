const zh = {
  'catalog.title': '',
} as const;

const en: Record<keyof typeof zh, string> = {
  'catalog.title': '',
};

export const catalog = { zh, en };
