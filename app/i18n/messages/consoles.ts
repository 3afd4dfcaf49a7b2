const zh = {
  'consoles.placeholder': '',
} as const;

const en: Record<keyof typeof zh, string> = {
  'consoles.placeholder': '',
};

export const consoles = { zh, en };
