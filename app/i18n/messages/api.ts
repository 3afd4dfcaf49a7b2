// The JSON API's common errors (formats/marketplace-api.md, "Common rules"): messages follow the
// caller's language, the `code` beside them is stable English.
const zh = {
  'api.errors.unauthenticated': '请先登录，或使用有效的 API 密钥',
  'api.errors.forbidden': '当前账号无权调用此接口',
  'api.errors.crossSite': '跨站请求已被拒绝：请从云桥页面提交，并使用 JSON 格式',
  'api.errors.notFound': '未找到该记录',
  'api.errors.invalidJson': '请求内容不是有效的 JSON',
  'api.errors.tooLarge': '请求内容超过 64 KiB',
  'api.errors.idempotencyKey': 'Idempotency-Key 须为 1–100 个可见 ASCII 字符',
  'api.errors.idempotencyConflict': '该 Idempotency-Key 已用于内容不同的请求',
  'api.errors.invalidState': '当前状态（{status}）下不能执行此操作',
  'api.errors.tooMany': '请求过于频繁，请在 {seconds} 秒后重试',
  'api.errors.unavailable': '数据库暂时无法写入（只读或维护中），本次请求没有保存任何内容，请稍后重试',
} as const;

const en: Record<keyof typeof zh, string> = {
  'api.errors.unauthenticated': 'Sign in, or use a valid API key',
  'api.errors.forbidden': 'This account may not call this endpoint',
  'api.errors.crossSite': 'Cross-site request refused: submit from Yunqiao’s own pages, as JSON',
  'api.errors.notFound': 'No such record',
  'api.errors.invalidJson': 'The request body is not valid JSON',
  'api.errors.tooLarge': 'The request body is larger than 64 KiB',
  'api.errors.idempotencyKey': 'Idempotency-Key must be 1–100 visible ASCII characters',
  'api.errors.idempotencyConflict': 'This Idempotency-Key was already used for a different request',
  'api.errors.invalidState': 'Not allowed while the status is {status}',
  'api.errors.tooMany': 'Too many requests; try again in {seconds} seconds',
  'api.errors.unavailable': 'The database cannot be written right now (read-only or under maintenance); nothing of this request was saved. Please try again later',
};

export const api = { zh, en };
