import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { campaigns } from '../../db/schema';

export const DEFAULT_CAMPAIGN_ID = 'sc-2020-2022';

export interface CampaignProgress {
  campaign: { id: string; name: string; nameEn: string | null; target: number; startsOn: string; endsOn: string };
  /** New cloud-adopting enterprises counted so far. */
  total: number;
}

/**
 * The one place pages read the provincial counter from. Counting adoption events
 * (formats/adoption-events.md) is the counter issue's work; until it lands nothing is counted,
 * so the total is 0 — not an estimate.
 */
export function getCampaignProgress(db: Db, campaignId = DEFAULT_CAMPAIGN_ID): CampaignProgress | null {
  const campaign = db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      nameEn: campaigns.nameEn,
      target: campaigns.target,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
    })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .get();
  if (!campaign) return null;
  return { campaign, total: 0 };
}
