import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireProviderAccount } from '~/utils/auth.server';

/**
 * A ready-to-edit catalog file (docs/formats/catalog-import.md) for the signed-in provider:
 * its own identity, so the file passes the upload form's ownership check, and one example
 * offering that shows every field. Re-uploading it unchanged only adds the example.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { provider } = await requireProviderAccount(request);
  const entry = {
    provider: {
      name: provider.nameZh,
      ...(provider.nameEn ? { nameEn: provider.nameEn } : {}),
      uscc: provider.uscc,
      prefecture: provider.prefecture,
      certifications: provider.certifications,
    },
    offerings: [
      {
        externalId: 'example-cloud-mes',
        title: '示例：轻量 MES 云服务',
        titleEn: 'Example: lightweight cloud MES',
        summary: '面向中小制造企业的生产管理 SaaS（示例，请替换为您的产品）。',
        description: '第一行介绍。\n第二行介绍。',
        level: 'saas',
        categories: ['生产管理'],
        stages: ['生产制造'],
        industries: ['34'],
        sizes: ['micro', 'small'],
        regions: [],
        plans: [
          { name: '标准版', priceFen: 98_000, billing: 'year', trialDays: 14 },
          { name: '定制版', priceFen: null, billing: 'quote' },
        ],
        tags: ['MES', '排产'],
      },
    ],
  };
  return new Response(`${JSON.stringify([entry], null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="yunqiao-catalog-${provider.uscc}.json"`,
      // The file carries the organisation's profile: keep it out of shared caches.
      'Cache-Control': 'private, no-store',
    },
  });
}
