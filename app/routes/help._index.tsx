import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { helpIndex } from '~/utils/help.server';

// /help — the plain-language help (issue 13), open to everyone; linked from the header.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '帮助中心 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return helpIndex(request);
}

export default function HelpIndex() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{page.heading}</h1>
        <p className="mt-2 text-lg leading-relaxed text-slate-800">{page.lead}</p>
      </header>
      <ul aria-label={t('help.topics')} className="space-y-4">
        {page.topics.map((topic) => (
          <li key={topic.topic} className="card">
            <h2 className="text-xl font-semibold">
              <Link to={`/help/${topic.topic}`} className="link">
                {topic.title}
              </Link>
            </h2>
            <p className="mt-2 leading-relaxed text-slate-800">{topic.short}</p>
          </li>
        ))}
      </ul>
      <p className="text-slate-800">{page.more}</p>
    </article>
  );
}
