/**
 * What every marketplace endpoint shares (app/utils/api.server.ts, docs/formats/marketplace-api.md
 * "Common rules"): its error answers and the headers a browser page sends with a cookie write.
 */
import { MAX_BODY_BYTES } from '~/utils/api.server';
import type { ApiResponse } from './operation.server';
import { ApiErrorsSchema } from './responses.server';

const ERRORS: Record<number, string> = {
  401: '未登录，且没有有效的 API 密钥（code: unauthenticated）',
  403: '角色无权调用此接口、市州密钥调用服务商接口、须先修改初始密码，或会话写操作不是来自本站（code: forbidden / cross_site）',
  404: '不存在，或调用者无权看到（不透露是否存在）（code: not_found）',
  409: '当前状态下不允许此操作，响应体的 status 给出当前状态；或幂等键已用于不同的请求体（code: invalid_state / idempotency_conflict 等）',
  413: `请求体超过 ${MAX_BODY_BYTES / 1024} KiB（code: too_large）`,
  422: '字段或查询参数无效，或请求体不是 JSON（code: required、too_small、invalid_value、invalid_json 等）',
};

/** The error answers of a marketplace endpoint, all `{ errors: [{ path, code, message }] }`. */
export function marketplaceErrors(statuses: readonly (keyof typeof ERRORS)[]): Record<number, ApiResponse> {
  return Object.fromEntries(statuses.map((s) => [s, { description: ERRORS[s]!, schema: ApiErrorsSchema }]));
}

/**
 * A write with the session cookie must come from our own page (api.server.ts, isSameSiteJsonWrite):
 * a JSON body and Sec-Fetch-Site: same-origin (or a same-origin Origin), which browsers add themselves.
 */
export const sessionWrite = { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' } as const;
