import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { HelpArticle } from '~/components/help-article';
import { helpPage } from '~/utils/help.server';

// /help/orders — an order from ordering to payment (bank transfer or online), delivery and the
// SME's confirmation, and what a dispute leads to. The text is put together in
// app/utils/help.server.ts.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '帮助 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return helpPage(request, 'orders');
}

export default function HelpOrders() {
  return <HelpArticle page={useLoaderData<typeof loader>()} />;
}
