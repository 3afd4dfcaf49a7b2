import { renderToStaticMarkup } from 'react-dom/server';
import stylesheet from '~/tailwind.css';
import { ApiDocsPage } from '~/components/api-docs';
import { openApiDocument } from '~/openapi/document.server';
import { docsView } from '~/openapi/docs-view.server';

// /api/docs — the API document (/api/openapi.json) as a page people read. A static page rendered
// once per process from the document itself: no script at all (the CSP allows none from elsewhere,
// and nothing here needs one — examples open with <details>), and no copy of the data for
// hydration, which would double the weight of an already long page.

let html: string | null = null;

function page(): string {
  const body = renderToStaticMarkup(<ApiDocsPage doc={docsView(openApiDocument())} />);
  return `<!DOCTYPE html>
<html lang="zh-CN" class="h-full">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>云桥 API 文档 · Yunqiao API</title>
<meta name="description" content="云桥 JSON 接口的 OpenAPI 3.1 文档：目录搜索、匹配推荐、上云计数、上云事件、询价、报价与订单。">
<link rel="stylesheet" href="${stylesheet}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body class="min-h-full bg-slate-50 font-sans text-slate-900 antialiased">${body}</body>
</html>`;
}

export function loader() {
  html ??= page();
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      // The stylesheet's URL changes with each build: a short cache keeps a deploy from stranding it.
      'Cache-Control': 'public, max-age=300',
    },
  });
}
