import { mayCallOrderEndpoint, type OrderEndpoint } from '~/domain/access-policy';
import type { MessageKey } from '~/i18n';
import type { OrderActionResult } from '~/models/order-actions.server';
import type { ApiContext } from './api.server';
import { marketplaceCaller, type RequestCaller } from './request-api.server';

// The order endpoints' translation layer (formats/marketplace-api.md, "Orders"): the caller as the
// marketplace's plain viewer/actor values (the same resolution as the request endpoints), the
// endpoint's role rule (app/domain/access-policy.ts), and the models' refusals as the API's answers.

/**
 * The caller of an order endpoint: 401 anonymous; 403 for a role that never may call it, for a
 * prefecture API key, and for an account that must first choose its own password.
 */
export function orderCaller(ctx: ApiContext, endpoint: OrderEndpoint): RequestCaller {
  const caller = marketplaceCaller(ctx);
  if (!mayCallOrderEndpoint(caller.role, endpoint)) return ctx.fail(403, 'forbidden', 'api.errors.forbidden');
  return caller;
}

/** A model's answer as the API's: 200 with the order, or 404 / 409 (with the current status) / 422. */
export function orderAnswer<T>(ctx: ApiContext, result: OrderActionResult<T>): { status: number; body: T } {
  if (result.ok) return { status: 200, body: result.value };
  const { error } = result;
  if (error.kind === 'notFound') return ctx.fail(404, 'not_found', 'api.errors.notFound');
  if (error.kind === 'field') return ctx.fail(422, error.code, error.messageKey, { path: error.path });
  return ctx.fail(409, error.code, error.messageKey, {
    params: { status: ctx.t(`orders.status.${error.status}` as MessageKey) },
    extra: { status: error.status },
  });
}
