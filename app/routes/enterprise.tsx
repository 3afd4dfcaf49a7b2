import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
import { requireRole } from '~/utils/auth.server';

// The SME console. Every child loader and action checks the role again: Remix runs loaders in
// parallel, and an action never runs this loader at all.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['sme']);
  return null;
}

export default function EnterpriseLayout() {
  return <Outlet />;
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
