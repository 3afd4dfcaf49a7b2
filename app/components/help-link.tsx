import { Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { HELP_TITLE, type HelpTopic } from '~/utils/help-topics';

// The help pages (issue 13), linked the same way from every SME page that needs them:
// "帮助：<the question the page answers>".

export function HelpLink({ topic, className = '' }: { topic: HelpTopic; className?: string }) {
  const t = useT();
  return (
    <Link to={`/help/${topic}`} className={`link text-sm ${className}`} data-testid={`help-link-${topic}`}>
      {t('help.link', { topic: t(HELP_TITLE[topic]) })}
    </Link>
  );
}

/** Several help links in a row (a page that touches more than one topic). */
export function HelpLinks({ topics, className = '' }: { topics: readonly HelpTopic[]; className?: string }) {
  const t = useT();
  return (
    <ul aria-label={t('help.nav')} className={`flex flex-wrap gap-x-4 gap-y-1 ${className}`}>
      {topics.map((topic) => (
        <li key={topic}>
          <HelpLink topic={topic} />
        </li>
      ))}
    </ul>
  );
}
