const zh = {
  'official.title': '',
} as const;

const en: Record<keyof typeof zh, string> = {
  'official.title': '',
};

export const official = { zh, en };
