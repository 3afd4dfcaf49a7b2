/**
 * What a revision of a published offering changes (修改对比): field by field, and plan by plan.
 * Officials decide on this diff, and approving applies exactly it, so both sides use the same
 * plan matching (matchPlans).
 */

export interface PlanSnapshot {
  name: string;
  priceFen: number | null;
  billing: string;
  trialDays: number | null;
}

/** Every field a provider may change on a published offering (the offering code is fixed once published). */
export interface OfferingSnapshot {
  titleZh: string;
  titleEn: string | null;
  summary: string;
  description: string;
  level: string;
  categories: string[];
  stages: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  tags: string[];
  plans: PlanSnapshot[];
}

export const TEXT_FIELDS = ['titleZh', 'titleEn', 'summary', 'description', 'level'] as const;
export const LIST_FIELDS = ['categories', 'stages', 'industries', 'sizes', 'regions', 'tags'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type ListField = (typeof LIST_FIELDS)[number];
export type DiffField = TextField | ListField;

export type FieldChange =
  | { kind: 'text'; field: TextField; before: string | null; after: string | null }
  | { kind: 'list'; field: ListField; before: string[]; after: string[]; added: string[]; removed: string[] };

export const PLAN_FIELDS = ['priceFen', 'billing', 'trialDays'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

export type PlanChange =
  | { kind: 'added'; after: PlanSnapshot }
  | { kind: 'removed'; before: PlanSnapshot }
  | { kind: 'changed'; before: PlanSnapshot; after: PlanSnapshot; fields: PlanField[] };

export interface OfferingDiff {
  fields: FieldChange[];
  plans: PlanChange[];
  /** The same plans in another order (shown, since the catalog lists plans in this order). */
  plansReordered: boolean;
  /** Nothing at all would change: such a revision is refused. */
  empty: boolean;
}

// An empty English title and no English title read the same to everyone.
const text = (value: string | null) => (value === null || value.trim() === '' ? null : value);

/**
 * Pairs old and new plans by name (trimmed), first unused occurrence in order, so a plan whose
 * price changed is one "changed" entry and a renamed plan is a removal plus an addition, which
 * is what it is for anyone who bought it. Indices refer to the input arrays.
 */
export function matchPlans(before: readonly { name: string }[], after: readonly { name: string }[]) {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  const added: number[] = [];
  after.forEach((plan, j) => {
    const i = before.findIndex((old, index) => !used.has(index) && old.name.trim() === plan.name.trim());
    if (i === -1) {
      added.push(j);
      return;
    }
    used.add(i);
    pairs.push([i, j]);
  });
  const removed = before.map((_, i) => i).filter((i) => !used.has(i));
  return { pairs, added, removed };
}

/** Lists are compared as sets: the order of checked boxes or keywords carries no meaning. */
function listChange(field: ListField, before: string[], after: string[]): FieldChange | null {
  const old = new Set(before);
  const next = new Set(after);
  const added = after.filter((v) => !old.has(v));
  const removed = before.filter((v) => !next.has(v));
  return added.length || removed.length ? { kind: 'list', field, before, after, added, removed } : null;
}

export function diffOfferings(before: OfferingSnapshot, after: OfferingSnapshot): OfferingDiff {
  const fields: FieldChange[] = [];
  for (const field of TEXT_FIELDS) {
    const a = text(before[field]);
    const b = text(after[field]);
    if (a !== b) fields.push({ kind: 'text', field, before: a, after: b });
  }
  for (const field of LIST_FIELDS) {
    const change = listChange(field, before[field], after[field]);
    if (change) fields.push(change);
  }

  const { pairs, added, removed } = matchPlans(before.plans, after.plans);
  const plans: PlanChange[] = [];
  for (const i of removed) plans.push({ kind: 'removed', before: before.plans[i]! });
  for (const [i, j] of pairs) {
    const old = before.plans[i]!;
    const next = after.plans[j]!;
    const changed = PLAN_FIELDS.filter((f) => old[f] !== next[f]);
    if (changed.length) plans.push({ kind: 'changed', before: old, after: next, fields: changed });
  }
  for (const j of added) plans.push({ kind: 'added', after: after.plans[j]! });
  // Reordered: the kept plans do not appear in the same relative order as before.
  const plansReordered = pairs.some(([i], k) => k > 0 && i < pairs[k - 1]![0]);

  return { fields, plans, plansReordered, empty: fields.length === 0 && plans.length === 0 && !plansReordered };
}

/** Names of what changed, for the audit log (e.g. ['titleZh', 'plans']). */
export function changedFieldNames(diff: OfferingDiff): string[] {
  const names: string[] = diff.fields.map((f) => f.field);
  if (diff.plans.length || diff.plansReordered) names.push('plans');
  return names;
}
