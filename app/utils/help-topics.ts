import type { MessageKey } from '~/i18n';

// The plain-language help pages (issue 13): one per question an SME asks most. Shared by the links
// on the pages (app/components/help-link.tsx) and the pages' content (app/utils/help.server.ts).

export const HELP_TOPICS = ['levels', 'vouchers', 'orders'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

/** Each page's question, which is also its link's text ("帮助：<question>"). */
export const HELP_TITLE: Record<HelpTopic, MessageKey> = {
  levels: 'help.levels.title',
  vouchers: 'help.vouchers.title',
  orders: 'help.orders.title',
};
