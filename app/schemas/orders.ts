import { z } from '~/i18n/zod';
import { ORDER_STATUSES } from '~/domain/marketplace-states';
import { eventDateField } from './adoption';

// Order bodies and forms (formats/marketplace-api.md, "Orders"): the JSON endpoints and the pages
// share these, so both refuse the same input with the same message keys.

/** A reference written on a bank transfer (the provider's record of money received or sent back). */
const transferReferenceField = z.string().trim().min(4).max(64);

export const PaymentReceivedSchema = z.object({ transferReference: transferReferenceField });

/** deployedOn: a real date, not in the future (China time); "not before the order" is checked by the model. */
export const DeliveredSchema = z.object({
  deployedOn: eventDateField,
  // The adoption event's note (ReportDeploymentSchema allows 500).
  note: z.string().trim().max(500).optional(),
});

export const DisputeSchema = z.object({ reason: z.string().trim().min(5).max(2000) });

export const RefundSchema = z.object({ reference: transferReferenceField.optional() });

export const DisputeDecisionSchema = z.object({
  for: z.enum(['provider', 'buyer']),
  reason: z.string().trim().min(5).max(2000),
});

/** An empty JSON body (or {}) for cancel and confirm; other fields are ignored. */
export const EmptyBodySchema = z.object({}).loose();

export const OrderListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(ORDER_STATUSES).optional(),
});

// --- pages (forms post `intent` plus the same fields; Conform reads an empty field as absent) -----

export const ProviderOrderFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('cancel') }),
  PaymentReceivedSchema.extend({ intent: z.literal('payment-received') }),
  DeliveredSchema.extend({ intent: z.literal('delivered') }),
  RefundSchema.extend({ intent: z.literal('refund') }),
]);

export const EnterpriseOrderFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('cancel') }),
  z.object({ intent: z.literal('confirm') }),
  DisputeSchema.extend({ intent: z.literal('dispute') }),
]);

/** The provider's receiving account (收款账户) for bank transfers: 开户名称, 开户行, 账号. */
export const BankAccountSchema = z.object({
  bankAccountName: z.string().trim().min(2).max(100),
  bankName: z.string().trim().min(2).max(100),
  bankAccountNo: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, ' '))
    // Digits and spaces (grouping as printed on bank slips), 8–40 characters, at least 8 of them digits.
    .refine((v) => /^[0-9 ]{8,40}$/.test(v) && v.replace(/ /g, '').length >= 8, 'orders.errors.accountNo'),
});
export type BankAccount = z.output<typeof BankAccountSchema>;

/** The order pages' query: typed and bookmarked by people, so a bad value falls back to the default. */
export const OrderPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
});

/** /official/payments: which flags (open or resolved) and the page. */
export const PaymentFlagQuerySchema = z.object({
  view: z.enum(['open', 'resolved']).catch('open'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** What the official found about a flagged payment (e.g. "已与企业核实，差额已退回"). */
export const PaymentFlagResolveSchema = z.object({
  orderId: z.string().trim().min(1).max(64),
  resolution: z.string().trim().min(5).max(1000),
});

/** 立即订购 on the offering page: one billing period of this priced plan. */
export const PlanOrderFormSchema = z.object({ planId: z.string().trim().min(1).max(64) });
