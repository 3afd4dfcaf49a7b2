// Issue 13 (accessibility, part 2): what every page needs of the large-text switch (大字版) and of
// the help (the header's link, the "帮助：…" links on the SME pages). The help pages' own text is in
// help-pages.ts, which only the server reads (app/utils/help.server.ts), so it does not travel with
// every page's messages.
const zh = {
  'display.large': '大字版',
  'help.nav': '帮助',
  'help.link': '帮助：{topic}',
  'help.topics': '帮助主题',
  'help.back': '返回帮助中心',
  'help.levels.title': '五个上云层级是什么意思',
  'help.vouchers.title': '上云券是什么、怎么用',
  'help.orders.title': '订单怎样一步步完成',
} as const;

const en: Record<keyof typeof zh, string> = {
  'display.large': 'Large text',
  'help.nav': 'Help',
  'help.link': 'Help: {topic}',
  'help.topics': 'Help topics',
  'help.back': 'Back to Help',
  'help.levels.title': 'What the five adoption levels mean',
  'help.vouchers.title': 'What a cloud voucher is and how to use it',
  'help.orders.title': 'How an order is completed, step by step',
};

export const help = { zh, en };
