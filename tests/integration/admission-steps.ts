// The ways in of admission-sql-agreement.test.ts: each random step goes through a real entry point
// (the API routes, the models' use cases, the enterprise trigger, the campaign build) and applies
// the same operation to the oracle (admission-world.ts), checking the answer on the way.

import { expect } from 'vitest';
import * as batchRoute from '../../app/routes/api.adoption-events.batch';
import * as singleRoute from '../../app/routes/api.adoption-events';
import { todayInChina } from '../../app/domain/adoption-dates';
import { ADOPTION_LEVEL_IDS, type AdoptionLevel } from '../../app/domain/adoption-levels';
import {
  answerDeployment,
  decideEvent,
  recordPaymentAdoption,
  reportDeployment,
  revokeForRefund,
} from '../../app/models/adoption.server';
import { liftFraud, markFraud } from '../../app/models/adoption-fraud.server';
import { importPrefectureReport } from '../../app/models/adoption-import.server';
import { buildCampaignCounts, createCampaign, updateCampaign } from '../../app/models/campaigns.server';
import { createApiKey } from '../../app/models/api-keys.server';
import { newId } from '../../app/utils/ids';
import { createRng, type Rng } from '../../db/seed/random';
import { offerings, providers, users } from '../../db/schema';
import type { Db } from '../../db/client.server';
import { routeArgs } from '../setup/test-db';
import { apiRequest, createEnterprise, uscc } from './adoption-fixtures';
import { World, type WEnterprise, type WProvider } from './admission-world';

const PREFECTURES = ['5101', '5107', '5113', '5115'];
const INDUSTRIES = ['13', '26', '34', '39', '64', '65'];
export const TODAY = todayInChina(new Date());

let db: () => Db = () => {
  throw new Error('bindDatabase() first');
};

/** The test file's database (useTestDatabase), which every step writes to. */
export function bindDatabase(getter: () => Db) {
  db = getter;
}

export const world = new World();
const prefectureKeys = new Map<string, string>();
const providerKeys = new Map<string, string>();
/** USCCs that reports name as providers before (or without) any registration on Yunqiao. */
const unregistered: string[] = [];
let official: { id: string; role: 'official'; scopePrefecture: null };
/** Accepted API calls: key|Idempotency-Key → the body sent and the first answer. */
const accepted = new Map<string, { body: Record<string, unknown>; answer: unknown }>();
let serial = 0;

function insertUser(d: Db, role: 'sme' | 'official') {
  const id = newId();
  d.insert(users)
    .values({
      id,
      email: `${role}-${id}@agree.example`,
      passwordHash: 'x',
      role,
      displayName: `${role} ${id}`,
    })
    .run();
  return id;
}

function insertProvider(d: Db, rng: Rng, code = uscc('510100')): WProvider {
  const id = newId();
  d.insert(providers)
    .values({
      id,
      uscc: code,
      nameZh: `核对服务商${++serial}`,
      prefecture: rng.pick(PREFECTURES),
      status: 'approved',
    })
    .run();
  const provider: WProvider = { id, uscc: code, flaggedAt: null, offerings: [] };
  for (let i = 0; i < rng.int(1, 3); i++) {
    const offering = { id: newId(), externalId: `off-${serial}-${i}`, level: rng.pick(ADOPTION_LEVEL_IDS) };
    d.insert(offerings)
      .values({
        id: offering.id,
        providerId: id,
        externalId: offering.externalId,
        titleZh: `产品 ${offering.externalId}`,
        summary: '核对',
        level: offering.level,
        status: 'published',
      })
      .run();
    provider.offerings.push(offering);
  }
  world.addProvider(provider);
  return provider;
}

function addEnterprise(d: Db, rng: Rng): WEnterprise {
  const prefecture = rng.pick(PREFECTURES);
  const industry = rng.pick(INDUSTRIES);
  const onCloud = rng.chance(0.15);
  const ownerUserId = rng.chance(0.7) ? insertUser(d, 'sme') : null;
  const created = createEnterprise(d, {
    prefecture,
    industry,
    onCloudBeforeCampaign: onCloud,
    ...(ownerUserId ? { ownerUserId } : {}),
  });
  const enterprise = {
    id: created.id,
    uscc: created.uscc,
    prefecture,
    industry,
    onCloud,
    flaggedAt: null,
    ownerUserId,
  };
  world.addEnterprise(enterprise);
  return enterprise;
}

/** The enterprise Yunqiao now knows under a USCC (created by a report or the API), into the oracle. */
function learnEnterprise(d: Db, code: string, prefecture: string, industry: string): WEnterprise {
  const known = world.enterpriseByUscc.get(code);
  if (known) return known;
  const row = d.$client.prepare('SELECT id FROM enterprises WHERE uscc = ?').get(code) as { id: string };
  const enterprise = {
    id: row.id,
    uscc: code,
    prefecture,
    industry,
    onCloud: false,
    flaggedAt: null,
    ownerUserId: null,
  };
  world.addEnterprise(enterprise);
  return enterprise;
}

const pad = (n: number) => String(n).padStart(2, '0');

function shiftDay(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A date worth testing: campaign edges (inclusive windows, "before the start"), a day the enterprise already has, or any. */
function randomDate(rng: Rng, enterprise?: WEnterprise | null): string {
  const own = enterprise ? (world.eventsOf.get(enterprise.id) ?? []) : [];
  const roll = rng.next();
  let date: string;
  if (roll < 0.2 && world.campaigns.length) {
    const c = rng.pick(world.campaigns);
    date = rng.pick([c.startsOn, shiftDay(c.startsOn, -1), c.endsOn, shiftDay(c.endsOn, 1)]);
  } else if (roll < 0.3 && own.length) {
    date = rng.pick(own).occurredOn;
  } else {
    date = `${rng.int(2018, 2026)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
  }
  return date > TODAY ? TODAY : date;
}

function pickEnterprise(rng: Rng): WEnterprise {
  return rng.pick([...world.enterprises.values()]);
}

function anyProvider(rng: Rng): WProvider {
  return rng.pick([...world.providers.values()]);
}

/** An event, preferring those in one of the given statuses (so moves are mostly meaningful). */
function pickEvent(
  rng: Rng,
  statuses: string[],
  filter: (e: { enterpriseId: string }) => boolean = () => true,
) {
  const all = [...world.events.values()].filter(filter);
  if (!all.length) return null;
  const fitting = all.filter((e) => statuses.includes(world.status(e)));
  return rng.chance(0.85) && fitting.length ? rng.pick(fitting) : rng.pick(all);
}

function countedAnswer(enterprise: WEnterprise) {
  const countedIn = world.countedIn(enterprise);
  const current = world.current(TODAY);
  return { counted: current !== null && countedIn.includes(current), countedIn };
}

// --- the ways in --------------------------------------------------------------------------------

/** An API event body; known enterprises mostly in their registered prefecture. */
function apiBody(rng: Rng, providerOffering?: string) {
  const known = rng.chance(0.75) ? pickEnterprise(rng) : null;
  const prefecture = known && rng.chance(0.92) ? known.prefecture : rng.pick(PREFECTURES);
  return {
    known,
    body: {
      uscc: known?.uscc ?? uscc('510100'),
      enterpriseName: '核对企业有限公司',
      prefecture,
      industry: rng.pick(INDUSTRIES),
      level: rng.pick(ADOPTION_LEVEL_IDS),
      occurredAt: randomDate(rng, known),
      ...(providerOffering ? { offeringExternalId: providerOffering } : {}),
    } as Record<string, unknown>,
  };
}

/** What the contract answers for one API event, applied to the oracle when accepted. */
function judgeInWorld(
  keyKind: 'prefecture' | 'provider',
  keyPrefecture: string | null,
  provider: WProvider | null,
  body: Record<string, unknown>,
  id: () => string,
): { status: 201 | 403; enterprise?: WEnterprise } {
  const prefecture = body.prefecture as string;
  if (keyKind === 'prefecture' && prefecture !== keyPrefecture) return { status: 403 };
  const known = world.enterpriseByUscc.get(body.uscc as string) ?? null;
  const admission = world.admission(
    keyKind === 'prefecture' ? 'prefecture-key' : 'provider-key',
    known,
    provider,
  );
  if (!admission.ok) return { status: 403 };
  if (known && keyKind === 'prefecture' && known.prefecture !== keyPrefecture) return { status: 403 };
  const enterprise = learnEnterprise(db(), body.uscc as string, prefecture, body.industry as string);
  world.addEvent(
    {
      id: id(),
      enterpriseId: enterprise.id,
      providerId: provider?.id ?? null,
      providerUscc: null,
      level: body.level as AdoptionLevel,
      occurredOn: body.occurredAt as string,
      source: admission.source,
    },
    admission,
  );
  return { status: 201, enterprise };
}

function keyFor(rng: Rng, kind: 'prefecture' | 'provider') {
  if (kind === 'prefecture') {
    const prefecture = rng.pick(PREFECTURES);
    return { key: prefectureKeys.get(prefecture)!, prefecture, provider: null };
  }
  const withKeys = [...providerKeys.keys()];
  const provider = world.providers.get(rng.pick(withKeys))!;
  return { key: providerKeys.get(provider.id)!, prefecture: null, provider };
}

async function apiSingle(rng: Rng) {
  const kind = rng.chance(0.6) ? 'prefecture' : 'provider';
  const { key, prefecture, provider } = keyFor(rng, kind);
  const { body } = apiBody(rng, provider ? rng.pick(provider.offerings).externalId : undefined);
  if (kind === 'prefecture' && rng.chance(0.85)) body.prefecture = prefecture;
  const idempotencyKey = `single-${++serial}`;
  const response = await singleRoute.action(
    routeArgs(apiRequest('/api/adoption-events', { key, idempotencyKey, body })),
  );
  const answer = (await response.json()) as { id: string; counted: boolean; countedIn: string[] };
  const expected = judgeInWorld(kind, prefecture, provider, body, () => answer.id);
  expect(response.status, JSON.stringify(answer)).toBe(expected.status);
  if (expected.enterprise) {
    expect({ counted: answer.counted, countedIn: answer.countedIn }).toEqual(
      countedAnswer(expected.enterprise),
    );
    accepted.set(`${key}|${idempotencyKey}`, { body, answer });
  }
}

async function apiBatch(rng: Rng) {
  const kind = rng.chance(0.6) ? 'prefecture' : 'provider';
  const { key, prefecture, provider } = keyFor(rng, kind);
  const items = Array.from({ length: rng.int(2, 12) }, () => {
    const { body } = apiBody(rng, provider ? rng.pick(provider.offerings).externalId : undefined);
    if (kind === 'prefecture' && rng.chance(0.85)) body.prefecture = prefecture;
    return { idempotencyKey: `batch-${++serial}`, ...body };
  });
  const response = await batchRoute.action(
    routeArgs(apiRequest('/api/adoption-events/batch', { key, body: { events: items } })),
  );
  expect(response.status).toBe(200);
  const { results } = (await response.json()) as {
    results: {
      idempotencyKey: string;
      status: number;
      id?: string;
      counted?: boolean;
      countedIn?: string[];
    }[];
  };
  items.forEach(({ idempotencyKey, ...body }, i) => {
    const result = results[i]!;
    const expected = judgeInWorld(kind, prefecture, provider, body, () => result.id!);
    expect(result.status, JSON.stringify(result)).toBe(expected.status);
    if (expected.enterprise) {
      // `counted` is as of this event, before the batch's later events: the oracle is at that point too.
      expect({ counted: result.counted, countedIn: result.countedIn }).toEqual(
        countedAnswer(expected.enterprise),
      );
      accepted.set(`${key}|${idempotencyKey}`, {
        body,
        answer: {
          id: result.id,
          status: world.status(world.events.get(result.id!)!),
          counted: result.counted,
          countedIn: result.countedIn,
        },
      });
    }
  });
}

/** The same Idempotency-Key again: the same body answers 200 with the first answer, another 409; nothing is recorded. */
async function apiReplay(rng: Rng) {
  if (!accepted.size) return;
  const [scope, first] = rng.pick([...accepted.entries()]);
  const [key, idempotencyKey] = scope.split('|') as [string, string];
  const changed = rng.chance(0.3);
  const body = changed
    ? { ...first.body, occurredAt: shiftDay(first.body.occurredAt as string, -1) }
    : first.body;
  const response = await singleRoute.action(
    routeArgs(apiRequest('/api/adoption-events', { key, idempotencyKey, body })),
  );
  expect(response.status).toBe(changed ? 409 : 200);
  if (!changed) expect(await response.json()).toEqual(first.answer);
}

function deploymentReport(rng: Rng) {
  const provider = anyProvider(rng);
  const offering = rng.pick(provider.offerings);
  const known = rng.chance(0.8) ? pickEnterprise(rng) : null;
  const input = {
    offeringId: offering.id,
    uscc: known?.uscc ?? uscc('510100'),
    enterpriseName: '核对企业有限公司',
    prefecture: known?.prefecture ?? rng.pick(PREFECTURES),
    industry: rng.pick(INDUSTRIES),
    occurredOn: randomDate(rng, known),
  };
  const result = reportDeployment(db(), { providerId: provider.id, actorUserId: null, input });
  const admission = world.admission('provider-report', known, provider);
  expect(result.ok, JSON.stringify(result)).toBe(admission.ok);
  if (!result.ok || !admission.ok) return;
  const enterprise = learnEnterprise(db(), input.uscc, input.prefecture, input.industry);
  world.addEvent(
    {
      id: result.eventId,
      enterpriseId: enterprise.id,
      providerId: provider.id,
      providerUscc: null,
      level: offering.level,
      occurredOn: input.occurredOn,
      source: admission.source,
    },
    admission,
  );
}

function payment(rng: Rng) {
  const enterprise = pickEnterprise(rng);
  const provider = anyProvider(rng);
  const offering = rng.pick(provider.offerings);
  const occurredOn = randomDate(rng, enterprise);
  const event = recordPaymentAdoption(db(), {
    enterpriseId: enterprise.id,
    offeringId: offering.id,
    occurredOn,
  });
  const admission = world.admission('payment', enterprise, provider);
  expect(event !== null).toBe(admission.ok);
  if (!event || !admission.ok) return;
  world.addEvent(
    {
      id: event.id,
      enterpriseId: enterprise.id,
      providerId: provider.id,
      providerUscc: null,
      level: offering.level,
      occurredOn,
      source: admission.source,
    },
    admission,
  );
}

async function prefectureReport(rng: Rng) {
  type Row = {
    uscc: string;
    name: string;
    prefecture: string;
    industry: string;
    level: AdoptionLevel;
    providerUscc: string;
    occurredOn: string;
  };
  const rows: Row[] = [];
  const fresh = Array.from({ length: 3 }, () => uscc('510100'));
  for (let i = rng.int(3, 25); i > 0; i--) {
    const known = rng.chance(0.7) ? pickEnterprise(rng) : null;
    const providerUscc = rng.weighted<string>([
      ['', 4],
      [anyProvider(rng).uscc, 3],
      [unregistered.length ? rng.pick(unregistered) : '', 2],
    ]);
    rows.push({
      uscc: known?.uscc ?? rng.pick(fresh),
      name: '核对企业有限公司',
      // A known enterprise mostly in its registered prefecture; otherwise the whole file is refused.
      prefecture: known && rng.chance(0.97) ? known.prefecture : rng.pick(PREFECTURES),
      industry: rng.pick(INDUSTRIES),
      level: rng.pick(ADOPTION_LEVEL_IDS),
      providerUscc,
      occurredOn: randomDate(rng, known),
    });
  }
  // A row sent again in the same file, or one already applied by an earlier file: unchanged.
  if (rng.chance(0.3)) rows.push({ ...rng.pick(rows) });
  const csv = [
    'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on',
    ...rows.map((r) =>
      [r.uscc, r.name, r.prefecture, r.industry, '', '', r.level, r.providerUscc, r.occurredOn].join(','),
    ),
  ].join('\n');
  const outcome = await importPrefectureReport(db(), {
    bytes: new TextEncoder().encode(csv),
    fileName: `agree-${serial}.csv`,
    scope: null,
    actorUserId: official.id,
  });

  // checkReport's rule, in USCC order (stable): duplicates are unchanged; the rest must be admitted.
  const byUscc = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.uscc < b.r.uscc ? -1 : a.r.uscc > b.r.uscc ? 1 : a.i - b.i));
  const seen = new Set<string>();
  const toAdd: Row[] = [];
  let refused = false;
  for (const { r } of byUscc) {
    const key = `${r.uscc}|${r.level}|${r.occurredOn}|${r.providerUscc}`;
    const known = world.enterpriseByUscc.get(r.uscc) ?? null;
    if (seen.has(key) || (known && world.reportKeys.has(key))) {
      seen.add(key);
      continue;
    }
    seen.add(key);
    if (known && known.prefecture !== r.prefecture) refused = true;
    const provider = r.providerUscc ? (world.providerByUscc.get(r.providerUscc) ?? null) : null;
    if (!world.admission('prefecture-report', known, provider).ok) refused = true;
    toAdd.push(r);
  }
  expect(outcome.ok, JSON.stringify(outcome)).toBe(!refused);
  if (!outcome.ok) return;
  expect(outcome.added).toBe(toAdd.length);
  const eventOf = db().$client.prepare(
    'SELECT event_id AS id FROM adoption_report_rows WHERE uscc = ? AND level = ? AND occurred_on = ? AND provider_uscc = ?',
  );
  for (const r of toAdd) {
    const enterprise = learnEnterprise(db(), r.uscc, r.prefecture, r.industry);
    const provider = r.providerUscc ? (world.providerByUscc.get(r.providerUscc) ?? null) : null;
    const admission = world.admission('prefecture-report', enterprise, provider);
    if (!admission.ok) throw new Error('a checked row must be admitted');
    const { id } = eventOf.get(r.uscc, r.level, r.occurredOn, r.providerUscc) as { id: string };
    world.addEvent(
      {
        id,
        enterpriseId: enterprise.id,
        providerId: provider?.id ?? null,
        providerUscc: r.providerUscc || null,
        level: r.level,
        occurredOn: r.occurredOn,
        source: admission.source,
      },
      admission,
    );
    world.reportKeys.add(`${r.uscc}|${r.level}|${r.occurredOn}|${r.providerUscc}`);
  }
}

const REFUSALS: Record<string, string> = {
  'enterprise-flagged': 'adoption.errors.enterpriseFraud',
  'provider-flagged': 'adoption.errors.providerFraud',
  'not-pending': 'adoption.errors.notPending',
  'already-revoked': 'adoption.errors.alreadyRevoked',
};

function smeAnswer(rng: Rng) {
  const event = pickEvent(
    rng,
    ['pending'],
    (e) => world.enterprises.get(e.enterpriseId)!.ownerUserId !== null,
  );
  if (!event) return;
  const answer = rng.chance(0.75) ? 'confirm' : 'dispute';
  const owner = world.enterprises.get(event.enterpriseId)!.ownerUserId!;
  const result = answerDeployment(db(), { eventId: event.id, userId: owner, answer, reason: '未实际上线' });
  const gate = world.move(event.id, answer);
  expect(result).toEqual(
    gate.ok ? { ok: true, status: world.status(event) } : { ok: false, error: REFUSALS[gate.refusal] },
  );
}

function officialDecision(rng: Rng) {
  const decision = rng.chance(0.65) ? 'verify' : 'revoke';
  const event = pickEvent(
    rng,
    decision === 'verify' ? ['pending', 'disputed'] : ['verified', 'pending', 'disputed'],
  );
  if (!event) return;
  const result = decideEvent(db(), { eventId: event.id, official, decision, reason: '核查' });
  const gate = world.move(event.id, decision);
  expect(result).toEqual(
    gate.ok ? { ok: true, status: world.status(event) } : { ok: false, error: REFUSALS[gate.refusal] },
  );
}

function refund(rng: Rng) {
  const event = pickEvent(rng, ['verified']);
  if (!event) return;
  const result = revokeForRefund(db(), {
    eventId: event.id,
    orderId: 'agree',
    actorUserId: null,
    apiKeyId: null,
    reason: '订单退款',
  });
  world.move(event.id, 'refund');
  expect(result).toEqual({ ok: true, status: world.status(event) });
}

function fraudMark(rng: Rng) {
  const type = rng.chance(0.6) ? 'enterprise' : 'provider';
  // Mostly a party of an event the ledger has, so that an event's two sides are both flagged at times.
  const event = rng.chance(0.7) && world.events.size ? rng.pick([...world.events.values()]) : null;
  const provider = event ? world.providerOf(event) : null;
  const target =
    type === 'enterprise'
      ? event
        ? world.enterprises.get(event.enterpriseId)!
        : pickEnterprise(rng)
      : (provider ?? anyProvider(rng));
  const result = markFraud(db(), { targetType: type, uscc: target.uscc, reason: '虚假上云', official });
  if (target.flaggedAt) {
    expect(result).toEqual({ ok: false, error: 'adoption.fraud.alreadyFlagged' });
    return;
  }
  if (!result.ok) throw new Error(`marking refused: ${result.error}`);
  world.mark(type, target.id, result.caseId);
}

/** Jiangsu's case: both sides of one event marked (lifting one hands its revocations to the other). */
function fraudPair(rng: Rng) {
  const withProvider = [...world.events.values()].filter((e) => world.providerOf(e));
  if (!withProvider.length) return;
  const event = rng.pick(withProvider);
  const pair = [
    ['enterprise', world.enterprises.get(event.enterpriseId)!],
    ['provider', world.providerOf(event)!],
  ] as const;
  for (const [type, target] of rng.chance(0.5) ? pair : [...pair].reverse()) {
    if (target.flaggedAt) continue;
    const result = markFraud(db(), { targetType: type, uscc: target.uscc, reason: '串通虚报', official });
    if (!result.ok) throw new Error(`marking refused: ${result.error}`);
    world.mark(type, target.id, result.caseId);
  }
}

function fraudLift(rng: Rng) {
  const open = [...world.cases.values()].filter((c) => c.open);
  if (!open.length) return;
  const fraudCase = rng.pick(open);
  const result = liftFraud(db(), { caseId: fraudCase.id, reason: '核查无误', official });
  expect(result.ok).toBe(true);
  world.lift(fraudCase.id);
}

/** Profile edits that reach the counted rows only through the enterprise trigger (migration 0013). */
function profileEdit(rng: Rng) {
  const enterprise = pickEnterprise(rng);
  const roll = rng.next();
  if (roll < 0.5) {
    enterprise.onCloud = !enterprise.onCloud;
    db()
      .$client.prepare('UPDATE enterprises SET on_cloud_before_campaign = ? WHERE id = ?')
      .run(enterprise.onCloud ? 1 : 0, enterprise.id);
  } else if (roll < 0.75) {
    enterprise.prefecture = rng.pick(PREFECTURES);
    db()
      .$client.prepare('UPDATE enterprises SET prefecture = ? WHERE id = ?')
      .run(enterprise.prefecture, enterprise.id);
  } else {
    enterprise.industry = rng.pick(INDUSTRIES);
    db()
      .$client.prepare('UPDATE enterprises SET industry = ? WHERE id = ?')
      .run(enterprise.industry, enterprise.id);
  }
}

/** A provider registers under a USCC that reports already named: its marking then covers those events. */
function registerReportedProvider(rng: Rng) {
  const code = unregistered.shift();
  if (!code) return;
  insertProvider(db(), rng, code);
}

async function campaignChange(rng: Rng) {
  const ours = world.campaigns.filter((c) => c.id.startsWith('agree-'));
  if (ours.length < 4 || rng.chance(0.3)) {
    const year = rng.int(2019, 2027);
    const startsOn =
      rng.chance(0.3) && world.campaigns.length
        ? rng.pick(world.campaigns).startsOn
        : `${year}-${pad(rng.pick([1, 4, 7]))}-01`;
    const endsOn = `${Number(startsOn.slice(0, 4)) + rng.int(0, 2)}-12-31`;
    const id = `agree-${++serial}`;
    const created = createCampaign(
      db(),
      { id, name: `核对行动 ${id}`, nameEn: null, target: 1000, startsOn, endsOn },
      null,
    );
    expect(created.ok).toBe(true);
    await buildCampaignCounts(db(), id, { chunkSize: rng.int(5, 200) });
    world.campaigns.push({ id, startsOn, endsOn });
    return;
  }
  const campaign = rng.pick(ours);
  const startsOn = shiftDay(campaign.startsOn, rng.pick([-366, -31, 0, 31, 365]));
  const endsOn = shiftDay(campaign.endsOn, rng.pick([-31, 0, 92]));
  if (endsOn < startsOn) return;
  updateCampaign(
    db(),
    campaign.id,
    { name: `核对行动 ${campaign.id}`, nameEn: null, target: 1000, startsOn, endsOn },
    null,
  );
  await buildCampaignCounts(db(), campaign.id);
  Object.assign(campaign, { startsOn, endsOn });
}

export const STEP_KINDS: readonly (readonly [(rng: Rng) => unknown, number])[] = [
  [apiSingle, 12],
  [apiBatch, 4],
  [apiReplay, 2],
  [deploymentReport, 12],
  [payment, 6],
  [prefectureReport, 3],
  [smeAnswer, 12],
  [officialDecision, 8],
  [refund, 3],
  [fraudMark, 2],
  [fraudPair, 1],
  [fraudLift, 3],
  [profileEdit, 5],
  [registerReportedProvider, 0.5],
  [campaignChange, 0.6],
];

/**
 * 300 enterprises (70 % with an owner account, 15 % on the cloud before the first campaign), 40
 * providers (12 with API keys), a key per prefecture and 12 provider USCCs not (yet) registered.
 */
export function setUpWorld() {
  const d = db();
  const rng = createRng(1);
  official = { id: insertUser(d, 'official'), role: 'official', scopePrefecture: null };
  world.campaigns.push(
    ...(d.$client.prepare('SELECT id, starts_on AS startsOn, ends_on AS endsOn FROM campaigns').all() as {
      id: string;
      startsOn: string;
      endsOn: string;
    }[]),
  );
  for (const prefecture of PREFECTURES)
    prefectureKeys.set(
      prefecture,
      createApiKey(d, { owner: { kind: 'prefecture', prefecture }, name: 'agree', actorUserId: null }).key,
    );
  for (let i = 0; i < 40; i++) {
    const provider = insertProvider(d, rng);
    if (i < 12)
      providerKeys.set(
        provider.id,
        createApiKey(d, {
          owner: { kind: 'provider', providerId: provider.id },
          name: 'agree',
          actorUserId: null,
        }).key,
      );
  }
  for (let i = 0; i < 12; i++) unregistered.push(uscc('510700'));
  for (let i = 0; i < 300; i++) addEnterprise(d, rng);
}
