import { ADOPTION_LEVELS, levelName } from '~/domain/adoption-levels';
import type { OrderStatus } from '~/domain/marketplace-states';
import type { Locale, Translate } from '~/i18n';
import { helpPages } from '~/i18n/messages/help-pages';
import { getUser } from './auth.server';
import { HELP_TITLE, HELP_TOPICS, type HelpTopic } from './help-topics';
import { getTranslator } from './locale.server';

// The help pages' text, put together on the server (issue 13): the plain-language sentences of
// app/i18n/messages/help-pages.ts, with the names of buttons, sections, statuses and adoption levels
// taken from the messages the pages themselves show. The loaders send the result; the page renders
// it (app/components/help-article.tsx). Other pages never download this text.

type HelpKey = keyof typeof helpPages.zh;
type HelpText = (key: HelpKey, params?: Record<string, string>) => string;

function helpText(locale: Locale): HelpText {
  const table: Record<HelpKey, string> = locale === 'en' ? helpPages.en : helpPages.zh;
  return (key, params) => {
    let text = table[key];
    for (const [name, value] of Object.entries(params ?? {})) text = text.replaceAll(`{${name}}`, value);
    return text;
  };
}

/** A card of a help page: a heading and short paragraphs, or a list; a step may name the order status it leads to. */
export interface HelpCard {
  id: string;
  title: string;
  paragraphs: string[];
  list?: 'ordered' | 'bullets';
  status?: string;
}

export interface HelpPage {
  topic: HelpTopic;
  /** For <title>. */
  title: string;
  heading: string;
  lead: string;
  /** Numbered cards (the levels, the steps of an order), in order. */
  steps: HelpCard[];
  sections: HelpCard[];
  more: string;
  others: { topic: HelpTopic; title: string }[];
}

export interface HelpIndex {
  title: string;
  heading: string;
  lead: string;
  topics: { topic: HelpTopic; title: string; short: string }[];
  more: string;
}

async function readerOf(request: Request) {
  const user = await getUser(request);
  const { t, locale } = await getTranslator(request, user);
  return { t, locale, h: helpText(locale) };
}

const SHORT: Record<HelpTopic, HelpKey> = {
  levels: 'help.levels.short',
  vouchers: 'help.vouchers.short',
  orders: 'help.orders.short',
};

export async function helpIndex(request: Request): Promise<HelpIndex> {
  const { t, h } = await readerOf(request);
  return {
    title: `${h('help.title')} · ${t('app.name')}`,
    heading: h('help.title'),
    lead: h('help.lead'),
    topics: HELP_TOPICS.map((topic) => ({ topic, title: t(HELP_TITLE[topic]), short: h(SHORT[topic]) })),
    more: h('help.more'),
  };
}

export async function helpPage(request: Request, topic: HelpTopic): Promise<HelpPage> {
  const { t, locale, h } = await readerOf(request);
  const body = BODIES[topic](t, h, locale);
  return {
    topic,
    title: `${t(HELP_TITLE[topic])} · ${t('app.name')}`,
    heading: t(HELP_TITLE[topic]),
    ...body,
    more: h('help.more'),
    others: HELP_TOPICS.filter((other) => other !== topic).map((other) => ({
      topic: other,
      title: t(HELP_TITLE[other]),
    })),
  };
}

type Body = Pick<HelpPage, 'lead' | 'steps' | 'sections'>;

const BODIES: Record<HelpTopic, (t: Translate, h: HelpText, locale: Locale) => Body> = {
  // The five levels, by the names every page uses (app/domain/adoption-levels.ts), in their order.
  levels: (_t, h, locale) => ({
    lead: h('help.levels.lead'),
    steps: ADOPTION_LEVELS.map((level) => ({
      id: `level-${level.id}`,
      title: levelName(level.id, locale),
      paragraphs: [
        h(`help.levels.${level.id}.text`),
        h('help.levels.example', { example: h(`help.levels.${level.id}.example`) }),
      ],
    })),
    sections: [
      {
        id: 'levels-where',
        title: h('help.levels.whereTitle'),
        list: 'bullets',
        paragraphs: [h('help.levels.where1'), h('help.levels.where2'), h('help.levels.where3')],
      },
    ],
  }),

  // README "Cloud vouchers": applied on the unpaid order's page, paid out when the order is confirmed
  // in time, withdrawn when it is not, released when it is cancelled or refunded.
  vouchers: (t, h) => {
    const section = t('vouchers.order.title');
    return {
      lead: h('help.vouchers.what1'),
      steps: [],
      sections: [
        {
          id: 'vouchers-what',
          title: h('help.vouchers.whatTitle'),
          paragraphs: [h('help.vouchers.what2'), h('help.vouchers.what3')],
        },
        {
          id: 'vouchers-who',
          title: h('help.vouchers.whoTitle'),
          paragraphs: [
            h('help.vouchers.who1'),
            h('help.vouchers.who2'),
            h('help.vouchers.who3', { section }),
          ],
        },
        {
          id: 'vouchers-how',
          title: h('help.vouchers.howTitle'),
          list: 'ordered',
          paragraphs: [
            h('help.vouchers.how1'),
            h('help.vouchers.how2', { section, button: t('vouchers.order.apply') }),
            h('help.vouchers.how3'),
            h('help.vouchers.how4'),
          ],
        },
        {
          id: 'vouchers-paid',
          title: h('help.vouchers.paidTitle'),
          paragraphs: [
            h('help.vouchers.paid1'),
            h('help.vouchers.paid2', { button: t('orders.confirm') }),
            h('help.vouchers.paid3'),
            h('help.vouchers.paid4'),
          ],
        },
      ],
    };
  },

  // The order machine (app/domain/marketplace-states.ts) in plain words: each step names the status
  // the order then shows.
  orders: (t, h) => {
    const status = (s: OrderStatus) => h('help.orders.status', { status: t(`orders.status.${s}`) });
    return {
      lead: h('help.orders.lead'),
      steps: [
        {
          id: 'order-step-1',
          title: h('help.orders.step1.title'),
          paragraphs: [h('help.orders.step1.text', { button: t('catalog.orderPlan') })],
          status: status('pending_payment'),
        },
        {
          id: 'order-step-2',
          title: h('help.orders.step2.title'),
          paragraphs: [h('help.orders.step2.text')],
        },
        {
          id: 'order-step-3',
          title: h('help.orders.step3.title'),
          paragraphs: [
            h('help.orders.step3.transfer', {
              method: t('orders.method.bank_transfer'),
              reference: t('orders.detail.reference'),
              button: t('orders.paymentReceived'),
            }),
            h('help.orders.step3.online', {
              method: t('orders.method.stripe'),
              button: t('orders.payOnline'),
            }),
          ],
          status: status('paid'),
        },
        {
          id: 'order-step-4',
          title: h('help.orders.step4.title'),
          paragraphs: [h('help.orders.step4.text')],
          status: status('delivered'),
        },
        {
          id: 'order-step-5',
          title: h('help.orders.step5.title'),
          paragraphs: [h('help.orders.step5.text', { button: t('orders.confirm') })],
          status: status('confirmed'),
        },
      ],
      sections: [
        {
          id: 'orders-dispute',
          title: h('help.orders.disputeTitle'),
          paragraphs: [
            h('help.orders.dispute1'),
            h('help.orders.dispute2', { button: t('orders.dispute') }),
            h('help.orders.dispute3'),
            h('help.orders.dispute4'),
            h('help.orders.refund'),
          ],
        },
      ],
    };
  },
};
