import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { HelpArticle } from '~/components/help-article';
import { helpPage } from '~/utils/help.server';

// /help/levels — the five adoption levels in plain words, by the names every page uses
// (app/domain/adoption-levels.ts). The text is put together in app/utils/help.server.ts.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '帮助 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return helpPage(request, 'levels');
}

export default function HelpLevels() {
  return <HelpArticle page={useLoaderData<typeof loader>()} />;
}
