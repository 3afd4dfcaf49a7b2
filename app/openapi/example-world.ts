/**
 * The ids and values the API document's examples use (GET /api/openapi.json, /api/docs). They name
 * one small, fixed world: one SME (成都, 通用设备制造业), one provider with one offering, its
 * requests, quotes and orders in the states the examples need. tests/integration/openapi-world.ts
 * builds exactly this world in a fresh database and sends every example to the real routes, so an
 * example that stops working fails a test. Pure constants: no I/O.
 */

/** Ids look like real ones (16 characters of 0-9a-z, app/utils/ids.ts) but say what they are. */
export const EX = {
  enterpriseUscc: '91510100MA6CYQ001E',
  offeringId: 'ofrmescloud00001',
  offeringExternalId: 'mes-cloud',
  pricedPlanId: 'plnstandard00001',
  quotePlanId: 'plncustom0000001',
  /** A provincial cloud-voucher programme (上云券): ¥200 off, open to every enterprise. */
  voucherProgrammeId: 'vchexample000001',
  request: {
    /** new: the provider answers it (message), then quotes it. */
    fresh: 'reqnew0000000001',
    /** new: the SME withdraws it. */
    toWithdraw: 'reqnew0000000002',
    /** won: withdrawing it is refused (409). */
    won: 'reqwon0000000001',
    /** quoted, with an open quote the SME accepts. */
    quoted: 'reqquoted0000001',
    /** quoted, with a quote past its validity. */
    expired: 'reqquoted0000002',
    /** quoted, with an open quote the SME declines. */
    declining: 'reqquoted0000003',
    unknown: 'requnknown000001',
  },
  quote: {
    open: 'quoopen000000001',
    expired: 'quoexpired000001',
    toDecline: 'quoopen000000002',
  },
  order: {
    /** pending_payment: the SME cancels it. */
    toCancel: 'ordpending000001',
    /** paid: read by GET; cancelling it is refused (409). */
    paid: 'ordpaid000000001',
    /** pending_payment: the provider records the bank transfer. */
    toMarkPaid: 'ordpending000002',
    /** pending_payment: the SME pays online (Stripe Checkout). */
    toCheckout: 'ordpending000003',
    /** paid: the provider reports the deployment. */
    toDeliver: 'ordpaid000000002',
    /** delivered: the SME confirms it. */
    toConfirm: 'orddelivered0001',
    /** delivered: the SME disputes it. */
    toDispute: 'orddelivered0002',
    /** disputed: the official decides for the provider. */
    disputed: 'orddisputed00001',
    /** paid: the provider refunds it. */
    toRefund: 'ordpaid000000003',
    /** pending_payment: the SME applies a cloud voucher (上云券) to it. */
    toVoucher: 'ordpending000004',
    unknown: 'ordunknown000001',
  },
  /** Background jobs: a prefecture report uploaded by the provincial official (GET /api/jobs/{jobId}). */
  job: { report: 'jobexamplerpt001', unknown: 'jobunknown000001' },
  /** When the world's orders were made (a delivery may not be dated before its order). */
  orderCreatedAt: '2026-01-05T02:00:00.000Z',
  deployedOn: '2026-01-20',
  /** Adoption events reported in the examples (valid USCCs by GB 32100-2015, not in the world yet). */
  adoption: {
    prefectureUscc: '91510100MA6C1E001M',
    providerUscc: '91510100MA6C1E002Q',
    batchUscc: ['91510100MA6C1E003U', '91510100MA6C1E004Y'],
    occurredAt: '2025-11-20',
  },
} as const;

/** Who sends an example: the document names the credential, the test supplies a real one. */
export const EXAMPLE_CALLERS = {
  anonymous: '匿名（不带凭证）',
  sme: 'SME 用户（会话 Cookie）',
  'sme-without-profile': '尚未填写企业资料的 SME 用户（会话 Cookie）',
  provider: '服务商用户（会话 Cookie）',
  'provider-key': '服务商 API 密钥（Authorization: Bearer）',
  'prefecture-key': '市州 API 密钥（Authorization: Bearer，成都市 5101）',
  official: '省级官员（会话 Cookie）',
  stripe: 'Stripe（Stripe-Signature 签名）',
} as const;
export type ExampleCaller = keyof typeof EXAMPLE_CALLERS;
