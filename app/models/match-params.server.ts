/**
 * The query parameters of GET /api/matches (formats/marketplace-api.md, "Matches"), read for the
 * API and the match pages alike. Errors carry a stable English `code` and a `message` in the
 * reader's language. Blank values count as absent, as in /api/search: a plain GET form sends
 * every field, filled or not.
 */
import { isAdoptionLevel, type AdoptionLevel } from '~/domain/adoption-levels';
import { isPrefectureCode } from '~/domain/prefectures';
import { translator, type MessageKey } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import type { MatchProfileInput, MatchRequest } from './matches.server';

export interface MatchParamError {
  path: string;
  /** Stable, English: required, invalid_value, invalid_number, too_small, too_big, too_long. */
  code: string;
  message: string;
}

export type MatchOptionsInput = Omit<MatchRequest, 'profile'>;

export type MatchParseResult =
  | { ok: true; request: MatchRequest | null; options: MatchOptionsInput }
  | { ok: false; errors: MatchParamError[] };

export const MATCH_LIMIT_MAX = 50;
export const MATCH_LIMIT_DEFAULT = 10;
/** Not in the contract: lets the pages show later pages (ignored by API clients that do not send it). */
export const MATCH_OFFSET_MAX = 10_000;
export const MATCH_Q_MAX = 100;
const SIZES = ['micro', 'small', 'medium', 'large'] as const;
// Large enough for any budget, small enough that ×12 (the budget rule's year price) stays exact.
const BUDGET_MAX = 1e12;

/** The parameters that describe the enterprise; giving any of them means "match this profile". */
export const PROFILE_PARAMS = [
  'industry',
  'size',
  'employees',
  'revenueWan',
  'prefecture',
  'levels',
] as const;

/** A GB/T 4754 division 01–97, or a longer code (中类, 小类) starting with one. */
function isIndustryParam(value: string): boolean {
  if (!/^\d{2,4}$/.test(value)) return false;
  const division = Number(value.slice(0, 2));
  return division >= 1 && division <= 97;
}

type NumberCheck = { ok: true; value: number } | { ok: false; code: string };

function readNumber(raw: string, opts: { integer: boolean; min: number; max: number }): NumberCheck {
  const pattern = opts.integer ? /^-?\d{1,16}$/ : /^-?\d{1,16}(\.\d{1,6})?$/;
  if (!pattern.test(raw)) return { ok: false, code: 'invalid_number' };
  const value = Number(raw);
  if (value < opts.min) return { ok: false, code: 'too_small' };
  if (value > opts.max) return { ok: false, code: 'too_big' };
  return { ok: true, value };
}

/** Every value of a comma list, also when repeated (`levels=iaas,paas` or `levels=iaas&levels=paas`). */
function listOf(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseMatchParams(params: URLSearchParams, locale: Locale): MatchParseResult {
  const t = translator(locale);
  const errors: MatchParamError[] = [];
  const fail = (path: string, code: string, key: MessageKey, vars?: Record<string, string | number>) =>
    errors.push({ path, code, message: t(key, vars) });
  const single = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };
  const number = (name: string, key: MessageKey, opts: { integer: boolean; min: number; max: number }) => {
    const raw = single(name);
    if (raw === undefined) return undefined;
    const read = readNumber(raw, opts);
    if (read.ok) return read.value;
    fail(name, read.code, key, { max: opts.max });
    return undefined;
  };
  const levelList = (name: 'levels' | 'level') => {
    const values = listOf(params, name);
    if (values.some((v) => !isAdoptionLevel(v))) fail(name, 'invalid_value', `matches.errors.${name}`);
    return [...new Set(values.filter(isAdoptionLevel))];
  };

  const given = PROFILE_PARAMS.some((name) => listOf(params, name).length > 0);
  const industry = single('industry');
  if (industry === undefined) {
    if (given) fail('industry', 'required', 'matches.errors.industryRequired');
  } else if (!isIndustryParam(industry)) fail('industry', 'invalid_value', 'matches.errors.industry');
  const size = single('size');
  if (size !== undefined && !(SIZES as readonly string[]).includes(size))
    fail('size', 'invalid_value', 'matches.errors.size');
  const employees = number('employees', 'matches.errors.employees', { integer: true, min: 0, max: 1e9 });
  const revenueWan = number('revenueWan', 'matches.errors.revenueWan', { integer: false, min: 0, max: 1e12 });
  const prefecture = single('prefecture');
  if (prefecture === undefined) {
    if (given) fail('prefecture', 'required', 'matches.errors.prefectureRequired');
  } else if (!isPrefectureCode(prefecture)) fail('prefecture', 'invalid_value', 'matches.errors.prefecture');
  const levels = levelList('levels');
  const level = levelList('level');
  const budgetFen = number('budgetFen', 'matches.errors.budgetFen', {
    integer: true,
    min: 0,
    max: BUDGET_MAX,
  });
  const q = params.get('q')?.trim() ?? '';
  if ([...q].length > MATCH_Q_MAX) fail('q', 'too_long', 'matches.errors.q', { max: MATCH_Q_MAX });
  const limit = number('limit', 'matches.errors.limit', { integer: true, min: 1, max: MATCH_LIMIT_MAX });
  const offset = number('offset', 'matches.errors.offset', { integer: true, min: 0, max: MATCH_OFFSET_MAX });
  if (errors.length > 0) return { ok: false, errors };

  const options: MatchOptionsInput = {
    ...(level.length > 0 ? { level } : {}),
    ...(budgetFen !== undefined ? { budgetFen } : {}),
    ...(q ? { q } : {}),
    limit: limit ?? MATCH_LIMIT_DEFAULT,
    ...(offset ? { offset } : {}),
  };
  if (!given) return { ok: true, request: null, options };
  const profile: MatchProfileInput = {
    industry: industry!,
    ...(size !== undefined ? { size: size as MatchProfileInput['size'] } : {}),
    ...(employees !== undefined ? { employees } : {}),
    ...(revenueWan !== undefined ? { revenueWan } : {}),
    prefecture: prefecture!,
    levels: levels as AdoptionLevel[],
  };
  return { ok: true, request: { profile, ...options }, options };
}

/**
 * The 422 for a call without a profile when none can be taken from an account: anonymous, a
 * role other than SME, an SME without an enterprise — or (`noDivision`) an SME whose enterprise
 * is registered with only a 门类 letter, which cannot be matched against offerings' divisions.
 */
export function missingProfileErrors(locale: Locale, opts: { noDivision?: boolean } = {}): MatchParamError[] {
  const t = translator(locale);
  if (opts.noDivision)
    return [{ path: 'industry', code: 'required', message: t('matches.errors.noDivision') }];
  return [
    { path: 'industry', code: 'required', message: t('matches.errors.industryRequired') },
    { path: 'prefecture', code: 'required', message: t('matches.errors.prefectureRequired') },
  ];
}
