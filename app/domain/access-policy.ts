// Who may do what on Yunqiao: every access question, answered once (README "Access policy").
// Pure: callers pass plain values (a role, the caller's own enterprise or provider id, an
// official's prefecture scope); the guards in app/utils/auth.server.ts and the models enforce the
// answers. Four roles:
//   sme       — its own enterprise (profile, requests, orders, reviews);
//   provider  — its own organisation (offerings, leads, quotes, orders, keys, deployments);
//   official  — vets, reads the marketplace (writes only dispute decisions) and runs the counter
//               within a prefecture scope (成都 5101 …; null = provincial: the whole province);
//               province-wide settings (campaigns, synonyms, search misses, lifting fraud marks)
//               are the provincial officials' alone;
//   admin     — accounts only: lists, creates officials and admins, suspends and reinstates. An admin
//               neither vets nor sees an enterprise's, a provider's or the marketplace's records
//               (formats/marketplace-api.md, "Common rules": "admins see none"), and holds no API
//               keys: those speak for a prefecture office or a provider, whose own accounts manage them.
// A record out of reach answers 404 where it is named by id (its existence is not revealed); a
// role that never may do something answers 403.

export const ROLES = ['sme', 'provider', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An official's prefecture scope: a prefecture code, or null for a provincial official. */
export type OfficialScope = string | null;

/**
 * Who asks, as plain values: the role and what it owns (null while the account has no enterprise
 * profile or provider organisation yet) or, for an official, its scope.
 */
export type Principal =
  | { role: 'sme'; enterpriseId: string | null }
  | { role: 'provider'; providerId: string | null }
  | { role: 'official'; scopePrefecture: OfficialScope }
  | { role: 'admin' };

/** Anything that says a role and, for officials, a scope: a Principal or a signed-in user row. */
export type ScopeHolder =
  { role: 'official'; scopePrefecture: OfficialScope } | { role: Exclude<Role, 'official'> };

// ── Consoles ────────────────────────────────────────────────────────────────────────────────────

/** Each signed-in area and the one role it serves (each role has exactly one home). */
export const CONSOLES = {
  enterprise: { role: 'sme', home: '/enterprise' },
  provider: { role: 'provider', home: '/provider' },
  official: { role: 'official', home: '/official' },
  admin: { role: 'admin', home: '/admin' },
} as const satisfies Record<string, { role: Role; home: string }>;
export type Console = keyof typeof CONSOLES;

export function mayEnterConsole(role: Role, console: Console): boolean {
  return CONSOLES[console].role === role;
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return Object.values(CONSOLES).find((c) => c.role === role)!.home;
}

/** Accounts (list, create officials and admins, suspend, reinstate) are the admins' only business. */
export function mayManageAccounts(role: Role): boolean {
  return role === 'admin';
}

/**
 * Whether an account may delete itself (个人信息保护法 Art. 47): SME and provider accounts. Staff
 * accounts may not — their decisions in the audit log must keep a name; an admin suspends them.
 */
export function mayDeleteOwnAccount(role: Role): boolean {
  return role === 'sme' || role === 'provider';
}

// ── Prefecture scope ────────────────────────────────────────────────────────────────────────────

/** Whether a scope covers records registered in `prefecture` (a provincial scope covers all). */
export function scopeCovers(scope: OfficialScope, prefecture: string): boolean {
  return scope === null || scope === prefecture;
}

/**
 * Whether the caller may see (and, where the page allows, vet or decide on) records registered in
 * `prefecture`: an official whose scope covers it. Nobody else — admins included.
 */
export function coversPrefecture(who: ScopeHolder, prefecture: string): boolean {
  return who.role === 'official' && scopeCovers(who.scopePrefecture, prefecture);
}

/** A provincial official: the only one who changes province-wide settings and lifts fraud marks. */
export function isProvincialOfficial(who: ScopeHolder): boolean {
  return who.role === 'official' && who.scopePrefecture === null;
}

/**
 * The prefecture a view by prefecture (the counter's dashboard, report, drill-down and exports; the
 * enterprise list) shows: a provincial official the province or the prefecture asked for; a
 * prefecture official always its own, and asking for another is refused (not silently narrowed, so a shared link never shows the wrong
 * numbers under the right title).
 */
export function viewPrefecture(
  scope: OfficialScope,
  requested: string | undefined,
): { ok: true; prefecture: string | null } | { ok: false } {
  if (scope === null) return { ok: true, prefecture: requested ?? null };
  if (requested && requested !== scope) return { ok: false };
  return { ok: true, prefecture: scope };
}

/**
 * A cloud-voucher programme (上云券): a provincial official manages every one; a prefecture
 * official its own prefecture's and reads the provincial ones; another prefecture's is not theirs to see.
 */
export function programmeAccess(
  scope: OfficialScope,
  programmeScope: string | null,
): 'manage' | 'read' | 'none' {
  if (scope === null || programmeScope === scope) return 'manage';
  if (programmeScope === null) return 'read';
  return 'none';
}

// ── API keys ────────────────────────────────────────────────────────────────────────────────────

/** Who manages keys: a provider its own, an official the prefecture-office keys of its scope. */
export type KeyManager =
  { kind: 'provider'; providerId: string } | { kind: 'official'; scope: OfficialScope };
export type KeyOwner =
  { kind: 'provider'; providerId: string | null } | { kind: 'prefecture'; prefecture: string | null };

export function mayManageApiKey(manager: KeyManager, key: KeyOwner): boolean {
  if (manager.kind === 'provider') return key.kind === 'provider' && key.providerId === manager.providerId;
  return key.kind === 'prefecture' && key.prefecture !== null && scopeCovers(manager.scope, key.prefecture);
}

// ── Marketplace records (requests, quotes, orders) ──────────────────────────────────────────────
// formats/marketplace-api.md, "Common rules": an SME only its own enterprise's, a provider only
// those for its own offerings, an official those of enterprises in its scope (read-only), admins none.

export interface MarketplaceRecordOwners {
  enterpriseId: string;
  providerId: string;
  /** The enterprise's registered prefecture (an official's scope is the buyer's, not the seller's). */
  prefecture: string;
}

/** The side a caller reads a record as: its buyer, its seller, an official in scope. */
export type MarketplaceSide = 'sme' | 'provider' | 'official';

/** The caller's side of the record, or null when it may not know the record exists (404). */
export function marketplaceSide(who: Principal, record: MarketplaceRecordOwners): MarketplaceSide | null {
  switch (who.role) {
    case 'sme':
      return who.enterpriseId !== null && who.enterpriseId === record.enterpriseId ? 'sme' : null;
    case 'provider':
      return who.providerId !== null && who.providerId === record.providerId ? 'provider' : null;
    case 'official':
      return scopeCovers(who.scopePrefecture, record.prefecture) ? 'official' : null;
    case 'admin':
      return null;
  }
}

/** Officials read; only the two parties write (an official's dispute decision is the orders' own rule). */
export function maySideWrite(side: MarketplaceSide | null): side is 'sme' | 'provider' {
  return side === 'sme' || side === 'provider';
}

const EVERY_ROLE = ROLES;

/**
 * Which roles may call each marketplace endpoint at all (403 otherwise; which records they then
 * reach is marketplaceSide's, 404). Reading is open to every signed-in role — an admin reads
 * empty lists — writes to the parties the contract names, and to officials only the dispute
 * decision. A provider's API key is the provider role; a prefecture key calls none of these.
 */
const ORDER_ROLES = {
  read: EVERY_ROLE,
  create: ['sme'],
  voucher: ['sme'],
  cancel: ['sme', 'provider'],
  'payment-received': ['provider'],
  delivered: ['provider'],
  confirm: ['sme'],
  dispute: ['sme'],
  'dispute-decision': ['official'],
  refund: ['provider'],
  checkout: ['sme'],
} as const satisfies Record<string, readonly Role[]>;
export type OrderEndpoint = keyof typeof ORDER_ROLES;
export const ORDER_ENDPOINT_ROLES: Record<OrderEndpoint, readonly Role[]> = ORDER_ROLES;

const REQUEST_ROLES = {
  read: EVERY_ROLE,
  create: ['sme'],
  message: ['sme', 'provider'],
  withdraw: ['sme'],
  quote: ['provider'],
  'quote-accept': ['sme'],
  'quote-decline': ['sme'],
  leads: ['provider'],
} as const satisfies Record<string, readonly Role[]>;
export type RequestEndpoint = keyof typeof REQUEST_ROLES;

export function mayCallOrderEndpoint(role: Role, endpoint: OrderEndpoint): boolean {
  return ORDER_ENDPOINT_ROLES[endpoint].includes(role);
}

export function mayCallRequestEndpoint(role: Role, endpoint: RequestEndpoint): boolean {
  return (REQUEST_ROLES[endpoint] as readonly Role[]).includes(role);
}
