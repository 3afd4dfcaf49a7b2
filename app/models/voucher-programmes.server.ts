import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { voucherClaims, voucherProgrammes } from '../../db/schema';
import { formatFen } from '~/domain/catalog-vocabulary';
import { programmeAccess } from '~/domain/access-policy';
import {
  programmePrefectures,
  voucherTotals,
  type VoucherClaimStatus,
  type VoucherKind,
  type VoucherTotals,
} from '~/domain/vouchers';
import { newId } from '~/utils/ids';
import { programmeVisible } from './access-sql.server';
import { ledgerTransaction } from './adoption-ledger.server';
import { writeAudit } from './audit.server';

// Cloud voucher programmes (上云券) as officials make them: create, edit (every change audited,
// before and after), list with their money by claim status. A prefecture official's programme
// covers exactly its prefecture; provincial programmes (scope null) are made and edited by
// provincial officials and read by everyone (app/domain/access-policy.ts programmeAccess). The claims
// against them are vouchers.server.ts; the report by prefecture and cluster voucher-report.server.ts.

export const PROGRAMMES_PAGE_SIZE = 20;

/** What an official enters (amounts in fen, lists of codes; an empty list means any). */
export interface ProgrammeInput {
  name: string;
  kind: VoucherKind;
  amountFen: number | null;
  percent: number | null;
  capPerOrderFen: number;
  firstClaimCapFen: number;
  laterClaimsCapFen: number;
  eligibleLevels: string[];
  eligibleSizeClasses: string[];
  prefectureCodes: string[];
  budgetFen: number;
  validFrom: string;
  validUntil: string;
  confirmWithinDays: number;
}

export interface Programme extends ProgrammeInput {
  id: string;
  scopePrefecture: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The official who acts, as plain values. */
export interface OfficialRef {
  userId: string;
  scopePrefecture: string | null;
}

const list = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
};

type ProgrammeRow = typeof voucherProgrammes.$inferSelect;

function programmeOf(row: ProgrammeRow): Programme {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    amountFen: row.amountFen,
    percent: row.percent,
    capPerOrderFen: row.capPerOrderFen,
    firstClaimCapFen: row.firstClaimCapFen,
    laterClaimsCapFen: row.laterClaimsCapFen,
    eligibleLevels: list(row.eligibleLevels),
    eligibleSizeClasses: list(row.eligibleSizeClasses),
    prefectureCodes: list(row.prefectureCodes),
    budgetFen: row.budgetFen,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    confirmWithinDays: row.confirmWithinDays,
    scopePrefecture: row.scopePrefecture,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function getProgramme(db: Db, id: string): Programme | null {
  const row = db.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id)).get();
  return row ? programmeOf(row) : null;
}

/** Programmes whose validity window holds `today` (China date): the ones an SME might use. */
export function programmesValidOn(db: Db, today: string): Programme[] {
  return db
    .select()
    .from(voucherProgrammes)
    .where(and(sql`${voucherProgrammes.validFrom} <= ${today}`, sql`${voucherProgrammes.validUntil} >= ${today}`))
    .orderBy(voucherProgrammes.validUntil, voucherProgrammes.id)
    .all()
    .map(programmeOf);
}

/** The programme and what the official may do with it; null when it is not theirs to see (404). */
export function programmeForOfficial(db: Db, official: OfficialRef, id: string) {
  const programme = getProgramme(db, id);
  if (!programme) return null;
  const access = programmeAccess(official.scopePrefecture, programme.scopePrefecture);
  return access === 'none' ? null : { programme, access };
}

/** Per-status money of programmes, from the claims (index voucher_claims_programme_idx). */
export function totalsOf(db: Db, programmes: readonly { id: string; budgetFen: number }[]): Map<string, VoucherTotals> {
  const ids = programmes.map((p) => p.id);
  const sums = ids.length
    ? db
        .select({
          programmeId: voucherClaims.programmeId,
          status: voucherClaims.status,
          fen: sql<number>`sum(${voucherClaims.amountFen})`,
          claims: count(),
        })
        .from(voucherClaims)
        .where(inArray(voucherClaims.programmeId, ids))
        .groupBy(voucherClaims.programmeId, voucherClaims.status)
        .all()
    : [];
  return new Map(
    programmes.map((p) => [
      p.id,
      voucherTotals(
        p.budgetFen,
        sums.filter((s) => s.programmeId === p.id).map((s) => ({ status: s.status as VoucherClaimStatus, fen: s.fen, claims: s.claims })),
      ),
    ]),
  );
}

/** The officials' list: their own prefecture's and the provincial programmes (all for provincial officials), newest first. */
export function listProgrammesForOfficial(db: Db, official: OfficialRef, opts: { page: number }) {
  const visible = programmeVisible(voucherProgrammes.scopePrefecture, official.scopePrefecture);
  const total = db.select({ n: count() }).from(voucherProgrammes).where(visible).get()?.n ?? 0;
  const rows = db
    .select()
    .from(voucherProgrammes)
    .where(visible)
    .orderBy(desc(voucherProgrammes.createdAt), desc(voucherProgrammes.id))
    .limit(PROGRAMMES_PAGE_SIZE)
    .offset((opts.page - 1) * PROGRAMMES_PAGE_SIZE)
    .all()
    .map(programmeOf);
  const totals = totalsOf(db, rows);
  return {
    programmes: rows.map((p) => ({
      ...p,
      totals: totals.get(p.id)!,
      canManage: programmeAccess(official.scopePrefecture, p.scopePrefecture) === 'manage',
    })),
    total,
    page: opts.page,
    pageSize: PROGRAMMES_PAGE_SIZE,
  };
}

export type ProgrammeWriteResult =
  | { ok: true; id: string }
  | { ok: false; error: 'not-found' }
  | { ok: false; error: 'field'; path: keyof ProgrammeInput; messageKey: string };

const columns = (input: ProgrammeInput, prefectureCodes: string[]) => ({
  name: input.name,
  kind: input.kind,
  amountFen: input.kind === 'fixed' ? input.amountFen : null,
  percent: input.kind === 'percent' ? input.percent : null,
  capPerOrderFen: input.capPerOrderFen,
  firstClaimCapFen: input.firstClaimCapFen,
  laterClaimsCapFen: input.laterClaimsCapFen,
  eligibleLevels: JSON.stringify([...new Set(input.eligibleLevels)].sort()),
  eligibleSizeClasses: JSON.stringify([...new Set(input.eligibleSizeClasses)].sort()),
  prefectureCodes: JSON.stringify(prefectureCodes),
  budgetFen: input.budgetFen,
  validFrom: input.validFrom,
  validUntil: input.validUntil,
  confirmWithinDays: input.confirmWithinDays,
});

const outsideScope = { ok: false, error: 'field', path: 'prefectureCodes', messageKey: 'vouchers.errors.prefectureScope' } as const;

/**
 * A new programme in the official's scope: a prefecture official's covers exactly its prefecture
 * (another prefecture is refused). Audited with what was entered.
 */
export function createProgramme(db: Db, input: ProgrammeInput, official: OfficialRef): ProgrammeWriteResult {
  const prefectures = programmePrefectures(official.scopePrefecture, input.prefectureCodes);
  if (!prefectures.ok) return outsideScope;
  const id = newId();
  const values = columns(input, prefectures.codes);
  ledgerTransaction(db, () => {
    db.insert(voucherProgrammes)
      .values({ id, ...values, scopePrefecture: official.scopePrefecture, createdByUserId: official.userId })
      .run();
    writeAudit(db, {
      actorUserId: official.userId,
      action: 'voucher.create',
      targetType: 'voucher_programme',
      targetId: id,
      detail: { ...values, scopePrefecture: official.scopePrefecture },
    });
  });
  return { ok: true, id };
}

/**
 * Edits a programme the official manages. New amounts, caps and eligibility apply to claims made
 * from now on; claims already made keep their amounts, so the budget may not drop below what live
 * claims hold (checked in the same immediate transaction as the claims' own budget check).
 */
export function updateProgramme(db: Db, id: string, input: ProgrammeInput, official: OfficialRef): ProgrammeWriteResult {
  return ledgerTransaction(db, (): ProgrammeWriteResult => {
    const found = programmeForOfficial(db, official, id);
    if (!found || found.access !== 'manage') return { ok: false, error: 'not-found' };
    const before = found.programme;
    // A prefecture's programme stays that prefecture's, whoever edits it.
    const prefectures = programmePrefectures(before.scopePrefecture, input.prefectureCodes);
    if (!prefectures.ok) return outsideScope;
    const held = totalsOf(db, [before]).get(id)!;
    const claimed = held.committedFen + held.paidOutFen;
    if (input.budgetFen < claimed)
      return {
        ok: false,
        error: 'field',
        path: 'budgetFen',
        messageKey: `vouchers.errors.budgetBelowClaimed|claimed=${formatFen(claimed, 'zh-CN')}`,
      };
    const values = columns(input, prefectures.codes);
    db.update(voucherProgrammes)
      .set({ ...values, updatedAt: new Date().toISOString() })
      .where(eq(voucherProgrammes.id, id))
      .run();
    const old = columns(before, before.prefectureCodes);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== old[k]);
    writeAudit(db, {
      actorUserId: official.userId,
      action: 'voucher.update',
      targetType: 'voucher_programme',
      targetId: id,
      detail: {
        changed,
        before: Object.fromEntries(changed.map((k) => [k, old[k]])),
        after: Object.fromEntries(changed.map((k) => [k, values[k]])),
      },
    });
    return { ok: true, id };
  });
}
