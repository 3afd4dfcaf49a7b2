import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { durationParts, type Gated, type Scorecard } from '~/domain/provider-scorecard';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';

// The provider scorecard (服务商评分卡) as buyers see it on offering and provider pages, and the
// provider on its console. Every figure says what it rests on; below 5 items it reads 数据不足
// with the count instead of a number (app/domain/provider-scorecard.ts, MIN_BASE).

function Figure({
  id,
  label,
  help,
  figure,
  baseKey,
  children,
}: {
  id: string;
  label: string;
  help: string;
  figure: Gated<number>;
  baseKey: MessageKey;
  children: (value: number) => ReactNode;
}) {
  const t = useT();
  const base = t(baseKey, { n: figure.base });
  return (
    <div className="py-2" data-testid={`scorecard-${id}`}>
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-0.5">
        {figure.value === null ? (
          <span className="text-sm text-slate-600" data-state="insufficient">
            {t('scorecard.insufficient', { base })}
          </span>
        ) : (
          <span className="text-base font-semibold text-slate-900 tabular-nums" data-state="shown">
            {children(figure.value)}
          </span>
        )}
        <span className="mt-0.5 block text-xs text-slate-600">{help}</span>
      </dd>
    </div>
  );
}

export function ProviderScorecard({
  scorecard,
  providerHref,
  headingLevel = 2,
  lead,
}: {
  scorecard: Scorecard;
  /** A link to the public provider page, shown under the figures. */
  providerHref?: string;
  headingLevel?: 2 | 3;
  /** Replaces the default explanation under the heading. */
  lead?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const percent = (fraction: number) =>
    t('scorecard.percent', {
      percent: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(fraction * 100),
    });
  const duration = (ms: number) => {
    const { days, hours, minutes } = durationParts(ms);
    if (days > 0) return t('scorecard.duration.days', { d: days, h: hours });
    if (hours > 0) return t('scorecard.duration.hours', { h: hours, m: minutes });
    return t('scorecard.duration.minutes', { m: minutes });
  };
  return (
    <section className="card" aria-labelledby="provider-scorecard" data-testid="provider-scorecard">
      <Heading id="provider-scorecard" className="text-lg font-semibold">
        {t('scorecard.title')}
      </Heading>
      <p className="mt-1 text-xs text-slate-600">{lead ?? t('scorecard.lead')}</p>
      <dl className="mt-2 divide-y divide-slate-100">
        <Figure
          id="first-response"
          label={t('scorecard.firstResponse')}
          help={t('scorecard.firstResponseHelp')}
          figure={scorecard.medianFirstResponseMs}
          baseKey="scorecard.base.answered"
        >
          {duration}
        </Figure>
        <Figure
          id="unanswered"
          label={t('scorecard.unanswered')}
          help={t('scorecard.unansweredHelp')}
          figure={scorecard.unanswered}
          baseKey="scorecard.base.requests"
        >
          {(n) => t('scorecard.unansweredValue', { n, base: scorecard.unanswered.base })}
        </Figure>
        <Figure
          id="quote-acceptance"
          label={t('scorecard.quoteAcceptance')}
          help={t('scorecard.quoteAcceptanceHelp')}
          figure={scorecard.quoteAcceptance}
          baseKey="scorecard.base.quotes"
        >
          {percent}
        </Figure>
        <Figure
          id="confirmed-deliveries"
          label={t('scorecard.confirmedDeliveries')}
          help={t('scorecard.confirmedDeliveriesHelp')}
          figure={scorecard.confirmedDeliveries}
          baseKey="scorecard.base.delivered"
        >
          {(n) => t('scorecard.confirmedDeliveriesValue', { n, base: scorecard.confirmedDeliveries.base })}
        </Figure>
        <Figure
          id="dispute-rate"
          label={t('scorecard.disputeRate')}
          help={t('scorecard.disputeRateHelp')}
          figure={scorecard.disputeRate}
          baseKey="scorecard.base.delivered"
        >
          {percent}
        </Figure>
      </dl>
      {providerHref ? (
        <p className="mt-2 text-sm">
          <Link to={providerHref} className="link" data-testid="provider-page-link">
            {t('scorecard.providerPageLink')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
