// Who may see a marketplace record (a request, its quotes, an order): formats/marketplace-api.md,
// "Common rules" — an SME only its own enterprise's, a provider only those for its own offerings,
// an official those of enterprises in its scope (read-only), admins none. One answer for every
// page and endpoint; anything it refuses is a 404 there, so a record's existence is not revealed.

export type MarketplaceViewer =
  | { role: 'sme'; enterpriseId: string | null }
  | { role: 'provider'; providerId: string | null }
  /** scopePrefecture null = provincial official (the whole province). */
  | { role: 'official'; scopePrefecture: string | null }
  | { role: 'admin' };

export interface MarketplaceRecordOwners {
  enterpriseId: string;
  providerId: string;
  /** The enterprise's registered prefecture (an official's scope is the buyer's, not the seller's). */
  prefecture: string;
}

/** The side a viewer reads a record as: its buyer, its seller, an official in scope. */
export type MarketplaceSide = 'sme' | 'provider' | 'official';

/** The viewer's side of the record, or null when it may not know the record exists. */
export function marketplaceSide(
  viewer: MarketplaceViewer,
  record: MarketplaceRecordOwners,
): MarketplaceSide | null {
  switch (viewer.role) {
    case 'sme':
      return viewer.enterpriseId !== null && viewer.enterpriseId === record.enterpriseId ? 'sme' : null;
    case 'provider':
      return viewer.providerId !== null && viewer.providerId === record.providerId ? 'provider' : null;
    case 'official':
      return viewer.scopePrefecture === null || viewer.scopePrefecture === record.prefecture
        ? 'official'
        : null;
    case 'admin':
      // Admins run accounts, not trade: the contract gives them no view of requests or orders.
      return null;
  }
}

/** Officials read; only the two parties write (an official's dispute decision is the orders' own rule). */
export function maySideWrite(side: MarketplaceSide | null): side is 'sme' | 'provider' {
  return side === 'sme' || side === 'provider';
}
