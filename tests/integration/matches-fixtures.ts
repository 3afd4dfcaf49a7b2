// Fixtures for the matches API tests (made by the tests themselves): catalog rows indexed as the
// catalog writes them, enterprises, ledger events, and a GET of the route.
import type { Db } from '../../db/client.server';
import { enterprises, offeringPlans, offerings, providers } from '../../db/schema';
import * as apiMatches from '../../app/routes/api.matches';
import { makeUscc } from '../../app/domain/uscc';
import type { AdoptionLevel } from '../../app/domain/adoption-levels';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { indexOfferingInTx } from '../../app/models/search.server';
import { newId } from '../../app/utils/ids';
import { routeArgs } from '../setup/test-db';

export function matchFixtures(db: () => Db) {
  let serial = 0;
  const nextUscc = (region = '510600') => makeUscc('91', region, `MT${String(++serial).padStart(7, '0')}`);

  function insertProvider(
    opts: {
      status?: 'applied' | 'approved' | 'suspended';
      certifications?: string[];
      flagged?: boolean;
    } = {},
  ) {
    const id = newId();
    db()
      .insert(providers)
      .values({
        id,
        uscc: nextUscc(),
        nameZh: `匹配测试服务商${serial}`,
        nameEn: `Match Test Provider ${serial}`,
        prefecture: '5106',
        certifications: opts.certifications ?? [],
        status: opts.status ?? 'approved',
        fraudFlaggedAt: opts.flagged ? '2025-01-01T00:00:00.000Z' : null,
      })
      .run();
    return id;
  }

  type Plan = { priceFen: number | null; billing: 'month' | 'year' | 'once' | 'quote' };
  function insertOffering(
    providerId: string,
    opts: {
      titleZh: string;
      titleEn?: string;
      level?: AdoptionLevel;
      industries?: string[];
      sizes?: string[];
      regions?: string[];
      status?: 'draft' | 'published';
      plans?: Plan[];
    },
  ) {
    const id = newId();
    db().transaction((tx) => {
      tx.insert(offerings)
        .values({
          id,
          providerId,
          externalId: `m-${id.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 40),
          titleZh: opts.titleZh,
          titleEn: opts.titleEn ?? null,
          summary: '面向中小企业的云服务',
          level: opts.level ?? 'saas',
          categories: ['经营管理'],
          industries: opts.industries ?? [],
          sizes: opts.sizes ?? [],
          regions: opts.regions ?? [],
          status: opts.status ?? 'published',
          publishedAt: opts.status === 'draft' ? null : '2025-01-01T00:00:00.000Z',
        })
        .run();
      (opts.plans ?? [{ priceFen: null, billing: 'quote' }]).forEach((plan, position) =>
        tx
          .insert(offeringPlans)
          .values({ id: newId(), offeringId: id, position, name: `方案${position}`, ...plan })
          .run(),
      );
      indexOfferingInTx(tx, id);
    });
    return id;
  }

  function insertEnterprise(opts: {
    prefecture: string;
    industry: string;
    ownerUserId?: string;
    sizeClass?: 'micro' | 'small' | 'medium' | 'large' | 'unknown';
  }) {
    const id = newId();
    db()
      .insert(enterprises)
      .values({
        id,
        uscc: nextUscc(`${opts.prefecture}00`),
        name: `匹配测试企业${serial}`,
        prefecture: opts.prefecture,
        industry: opts.industry,
        sizeClass: opts.sizeClass ?? 'unknown',
        ownerUserId: opts.ownerUserId ?? null,
      })
      .run();
    return id;
  }

  const now = () => new Date().toISOString();
  function adopt(
    enterpriseId: string,
    offeringId: string | null,
    opts: { verified?: boolean; level?: AdoptionLevel } = {},
  ) {
    return appendEvent(
      db(),
      {
        enterpriseId,
        offeringId,
        level: opts.level ?? 'saas',
        occurredOn: '2021-05-01',
        source: 'official',
        verified: opts.verified ?? true,
      },
      now(),
    ).id;
  }

  return { insertProvider, insertOffering, insertEnterprise, adopt, now };
}

/** GET /api/matches through the route's loader; the JSON body and headers. */
export async function getMatches(query: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/matches${query ? `?${query}` : ''}`, { headers });
  const response = (await apiMatches.loader(routeArgs(request))) as Response;
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
