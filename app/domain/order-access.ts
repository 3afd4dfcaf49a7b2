// Which roles may call each order endpoint at all (formats/marketplace-api.md, "Common rules": "A
// role that never may call an endpoint (an SME on a provider endpoint) answers 403"). Which orders
// a caller may see is the marketplace's one policy, app/domain/marketplace-access.ts (404). Pure.

export type OrderCallerRole = 'sme' | 'provider' | 'official' | 'admin';

export const ORDER_ENDPOINTS = [
  'read',
  'cancel',
  'payment-received',
  'delivered',
  'confirm',
  'dispute',
  'dispute-decision',
  'refund',
  'checkout',
] as const;
export type OrderEndpoint = (typeof ORDER_ENDPOINTS)[number];

/**
 * Reading is open to every signed-in role (an admin sees none: an empty list, 404 for an order);
 * writes to the parties named by the contract, and to officials only the dispute decision.
 * Provider API keys are the provider role.
 */
export const ORDER_ENDPOINT_ROLES: Record<OrderEndpoint, readonly OrderCallerRole[]> = {
  read: ['sme', 'provider', 'official', 'admin'],
  cancel: ['sme', 'provider'],
  'payment-received': ['provider'],
  delivered: ['provider'],
  confirm: ['sme'],
  dispute: ['sme'],
  'dispute-decision': ['official'],
  refund: ['provider'],
  checkout: ['sme'],
};

export function mayCallOrderEndpoint(role: OrderCallerRole, endpoint: OrderEndpoint): boolean {
  return ORDER_ENDPOINT_ROLES[endpoint].includes(role);
}
