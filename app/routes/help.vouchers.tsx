import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { HelpArticle } from '~/components/help-article';
import { helpPage } from '~/utils/help.server';

// /help/vouchers — what a cloud voucher (上云券) is, how it is applied and when it is paid out. The
// text is put together in app/utils/help.server.ts.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '帮助 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return helpPage(request, 'vouchers');
}

export default function HelpVouchers() {
  return <HelpArticle page={useLoaderData<typeof loader>()} />;
}
