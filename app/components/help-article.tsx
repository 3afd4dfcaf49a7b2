import { Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import type { HelpCard, HelpPage } from '~/utils/help.server';

/**
 * A help page as its loader built it (app/utils/help.server.ts): the way back, the question as the
 * heading, numbered cards (levels, steps), then sections and the other topics. One column, words
 * only, no pictures (适老化: no text in images).
 */
export function HelpArticle({ page }: { page: HelpPage }) {
  const t = useT();
  return (
    <article className="max-w-3xl space-y-6" data-testid={`help-${page.topic}`}>
      <Link to="/help" className="link text-sm">
        ← {t('help.back')}
      </Link>
      <header>
        <h1 className="text-2xl font-bold">{page.heading}</h1>
        <p className="mt-2 text-lg leading-relaxed text-slate-800">{page.lead}</p>
      </header>
      {page.steps.length ? (
        <ol className="space-y-4" data-testid="help-steps">
          {page.steps.map((card, i) => (
            <li key={card.id}>
              <Card card={card} title={`${i + 1}. ${card.title}`} />
            </li>
          ))}
        </ol>
      ) : null}
      {page.sections.map((card) => (
        <Card key={card.id} card={card} title={card.title} />
      ))}
      <footer className="card space-y-3">
        <p className="text-slate-800">{page.more}</p>
        <ul aria-label={t('help.topics')} className="space-y-1">
          {page.others.map((other) => (
            <li key={other.topic}>
              <Link to={`/help/${other.topic}`} className="link">
                {other.title}
              </Link>
            </li>
          ))}
        </ul>
      </footer>
    </article>
  );
}

function Card({ card, title }: { card: HelpCard; title: string }) {
  const List = card.list === 'ordered' ? 'ol' : 'ul';
  return (
    <section className="card" aria-labelledby={card.id} data-card={card.id}>
      <h2 id={card.id} className="text-xl font-semibold">
        {title}
      </h2>
      <div className="mt-3 space-y-2 leading-relaxed text-slate-800">
        {card.list ? (
          <List className={`${card.list === 'ordered' ? 'list-decimal' : 'list-disc'} space-y-2 pl-6`}>
            {card.paragraphs.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </List>
        ) : (
          card.paragraphs.map((text) => <p key={text}>{text}</p>)
        )}
        {card.status ? <p className="font-medium text-slate-900">{card.status}</p> : null}
      </div>
    </section>
  );
}
