import type { z } from 'zod';
import { mayCallRequestEndpoint, type Principal, type RequestEndpoint } from '~/domain/access-policy';
import { isMessageKey, translateError, type MessageKey, type Translate } from '~/i18n';
import type { MarketplaceActor } from '~/models/marketplace-history.server';
import type { RequestThread } from '~/models/request-queries.server';
import type { ModelRefusal } from '~/models/requests.server';
import type { AppUser } from '~/models/users.server';
import { ApiError, type ApiContext } from './api.server';
import { principalOf } from './auth.server';

// The request and quote endpoints' translation layer (formats/marketplace-api.md, "Common rules"):
// the caller as the plain viewer/actor values the models take, and the models' refusals as the
// API's answers. Routes stay a few lines each.

export type Role = AppUser['role'];

export interface RequestCaller {
  role: Role;
  viewer: Principal;
  actor: MarketplaceActor;
  /** The SME's enterprise (null: an SME account without a profile, or another role). */
  enterpriseId: string | null;
}

/** A signed-in user as a marketplace viewer/actor (the pages' way in, and the API's for cookies). */
export function requestCallerOfUser(user: AppUser): RequestCaller {
  const viewer = principalOf(user);
  // An admin never writes here (no endpoint admits it); its reads are recorded as nobody's side.
  const actor: MarketplaceActor = { role: user.role === 'admin' ? 'official' : user.role, userId: user.id, apiKeyId: null };
  return { role: user.role, viewer, actor, enterpriseId: viewer.role === 'sme' ? viewer.enterpriseId : null };
}

/**
 * The caller, if its role may call this endpoint at all (app/domain/access-policy.ts): 401
 * anonymous; 403 for any other role, for a prefecture API key (keys speak for a provider only),
 * and for an account that must first choose its own password.
 */
export function requestCaller(ctx: ApiContext, endpoint: RequestEndpoint): RequestCaller {
  const caller = marketplaceCaller(ctx);
  if (!mayCallRequestEndpoint(caller.role, endpoint)) return ctx.fail(403, 'forbidden', 'api.errors.forbidden');
  return caller;
}

/** Who calls a marketplace endpoint, before the endpoint's role rule: 401 anonymous, 403 for keys other than a provider's. */
export function marketplaceCaller(ctx: ApiContext): RequestCaller {
  const caller = ctx.requireCaller();
  let result: RequestCaller;
  if (caller.kind === 'key') {
    if (caller.key.kind !== 'provider' || !caller.key.providerId)
      return ctx.fail(403, 'forbidden', 'api.errors.forbidden');
    result = {
      role: 'provider',
      viewer: { role: 'provider', providerId: caller.key.providerId },
      actor: { role: 'provider', userId: null, apiKeyId: caller.key.id },
      enterpriseId: null,
    };
  } else {
    if (caller.user.mustChangePassword) return ctx.fail(403, 'forbidden', 'api.errors.forbidden');
    result = requestCallerOfUser(caller.user);
  }
  return result;
}

/** A request's or quote's status in words (the two sets of names do not overlap). */
export function statusName(t: Translate, status: string): string {
  const key = [`requests.status.${status}`, `requests.quoteStatus.${status}`].find(isMessageKey);
  return key ? t(key) : status;
}

/** A model's refusal as the API's answer: 404, 409 with the current status, or 422 on a field. */
export function refuse(ctx: ApiContext, refusal: ModelRefusal): never {
  switch (refusal.reason) {
    case 'not-found':
      return ctx.fail(404, 'not_found', 'api.errors.notFound');
    case 'state':
      return ctx.fail(409, 'invalid_state', 'api.errors.invalidState', {
        params: { status: statusName(ctx.t, refusal.status) },
        extra: { status: refusal.status },
      });
    case 'invalid':
      return ctx.fail(422, refusal.code, refusal.messageKey, { path: refusal.path });
  }
}

/** An SME account without an enterprise profile cannot ask or order yet: 409 (the contract's rule). */
export function requireEnterprise(ctx: ApiContext, caller: RequestCaller): string {
  if (caller.enterpriseId) return caller.enterpriseId;
  return ctx.fail(409, 'no_enterprise_profile', 'requests.errors.noEnterprise' satisfies MessageKey, {
    extra: { status: 'no_enterprise_profile' },
  });
}

/** Query parameters checked by a schema: a wrong value answers 422 with the codes (never a silent default). */
export function queryOf<S extends z.ZodType>(ctx: ApiContext, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(ctx.request.url).searchParams);
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  throw new ApiError(
    422,
    result.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      code: i.code,
      message: translateError(ctx.t, i.message),
    })),
  );
}

/**
 * A thread as GET /api/requests/:id answers it: exactly the contract's fields, `orderId` only once
 * an order exists. Quotes carry their effective status (an open quote past its validity: expired).
 */
export function requestApiView(thread: RequestThread) {
  return {
    id: thread.id,
    status: thread.status,
    offeringId: thread.offeringId,
    enterprise: thread.enterprise,
    messages: thread.messages,
    quotes: thread.quotes.map((q) => ({
      id: q.id,
      status: q.status,
      priceFen: q.priceFen,
      billing: q.billing,
      terms: q.terms,
      validUntil: q.validUntil,
      createdAt: q.createdAt,
      decidedAt: q.decidedAt,
    })),
    ...(thread.orderId ? { orderId: thread.orderId } : {}),
    history: thread.history.map((h) => ({
      action: h.action,
      from: h.from,
      to: h.to,
      by: h.by,
      at: h.at,
      ...(h.subject === 'quote' ? { quoteId: h.subjectId } : {}),
    })),
  };
}
