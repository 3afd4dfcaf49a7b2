const zh = {
  'provider.title': '',
} as const;

const en: Record<keyof typeof zh, string> = {
  'provider.title': '',
};

export const provider = { zh, en };
