const zh = {
  'catalog.placeholder': '',
} as const;

const en: Record<keyof typeof zh, string> = {
  'catalog.placeholder': '',
};

export const catalog = { zh, en };
