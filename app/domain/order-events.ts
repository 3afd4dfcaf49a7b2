import type { OrderAction, OrderStatus } from './marketplace-states';

// An order and its adoption event move together (formats/marketplace-api.md, "Orders": "Confirming
// or disputing the deployment anywhere (order page, deployments page, API) moves the order too:
// one function"). Pure: which order action follows what was done to the order's event.

/** What happened to the event: the enterprise's answer, or an official's decision. */
export type EventMove = 'confirm' | 'dispute' | 'verify' | 'revoke';

/**
 * The order action that follows, or null when the order stays as it is:
 * - the enterprise confirms or disputes the deployment of a delivered order;
 * - an official verifying the event settles a disputed order for the provider, and stands for the
 *   enterprise's confirmation of a delivered one (adoption-events.md: "an official verified it");
 * - an official revoking the event of a disputed order decides for the buyer (refunded). Revoking
 *   the event of an order in another state corrects the ledger only: no money moves by itself.
 */
export function orderActionForEvent(move: EventMove, status: OrderStatus): OrderAction | null {
  switch (move) {
    case 'confirm':
      return status === 'delivered' ? 'confirm' : null;
    case 'dispute':
      return status === 'delivered' ? 'dispute' : null;
    case 'verify':
      return status === 'disputed' ? 'decide-for-provider' : status === 'delivered' ? 'confirm' : null;
    case 'revoke':
      return status === 'disputed' ? 'decide-for-buyer' : null;
  }
}
