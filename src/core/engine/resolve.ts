// Which campaign(s) each interaction counts for (attribution-models.md §1 "Campaign of an interaction", §7).
import type { Asset, Campaign, Visit } from '../types';
import { normalizeUrl } from './urls';

/** Per visit, the indexes (into workbook.campaigns) it counts for; an empty list is campaign none. */
export type CampaignLists = ReadonlyArray<readonly number[]>;

export interface Resolution {
  campaignsOf: CampaignLists;
  /** The asset id a visit matched by rule 1 or 2, counted or not (asset sections show full history). */
  assetIdOf: ReadonlyArray<string | null>;
  /**
   * The same asset as its number (CampaignIndex.assetIds), -1 for none: the passes that count per asset over every
   * visit index arrays by it instead of looking an id up per visit.
   */
  assetOf: Int32Array;
}

const NONE: readonly number[] = Object.freeze([]);

/** An Assets row and the index of its campaign. */
export interface AssetLink {
  asset: Asset;
  campaign: number;
}

export interface CampaignIndex {
  byId: Map<string, number>;
  byUtm: Map<string, number>;
  /** The ids of the assets linked to a campaign, in sheet order: an asset's number is its index here. */
  assetIds: string[];
  assetNumber: Map<string, number>;
  /** Per asset number, its links. */
  linksOf: AssetLink[][];
  assetIdByUrl: Map<string, string>;
}

export const normalizeUtm = (value: string) => value.trim().toLowerCase();

/**
 * The campaign (index, sheet order) each normalised utm_campaign value counts for. Duplicate utm values across
 * campaigns: the first campaign in sheet order keeps it, current and former values alike (§7).
 */
export function indexUtms(campaigns: ReadonlyArray<Pick<Campaign, 'utmCampaign' | 'formerUtmCampaigns'>>): Map<string, number> {
  const byUtm = new Map<string, number>();
  campaigns.forEach((c, i) => {
    for (const utm of [c.utmCampaign, ...c.formerUtmCampaigns]) {
      if (utm && !byUtm.has(normalizeUtm(utm))) byUtm.set(normalizeUtm(utm), i);
    }
  });
  return byUtm;
}

export function indexCampaigns(campaigns: readonly Campaign[], assets: readonly Asset[]): CampaignIndex {
  const byId = new Map<string, number>();
  campaigns.forEach((c, i) => byId.set(c.id, i));
  const byUtm = indexUtms(campaigns);
  const assetIds: string[] = [];
  const assetNumber = new Map<string, number>();
  const linksOf: AssetLink[][] = [];
  const assetIdByUrl = new Map<string, string>();
  for (const a of assets) {
    const campaign = byId.get(a.campaignId);
    if (campaign === undefined) continue;
    const number = assetNumber.get(a.id);
    if (number !== undefined) linksOf[number].push({ asset: a, campaign });
    else {
      assetNumber.set(a.id, assetIds.length);
      assetIds.push(a.id);
      linksOf.push([{ asset: a, campaign }]);
    }
    // Several assets with the same URL: the first in sheet order.
    if (a.url && !assetIdByUrl.has(normalizeUrl(a.url))) assetIdByUrl.set(normalizeUrl(a.url), a.id);
  }
  return { byId, byUtm, assetIds, assetNumber, linksOf, assetIdByUrl };
}

/** Whether an asset link counts at time t: after campaign creation and association, published, winning variant. */
export function linkCountsAt(link: Asset, campaign: Campaign, t: number): boolean {
  if (t < campaign.createdAt || t < link.associatedAt) return false;
  if (link.type === 'social_post' && (link.publishedAt === null || t < link.publishedAt)) return false;
  if (link.abGroup !== null && !link.abWinner) return false;
  return true;
}

export function resolveCampaigns(
  visits: readonly Visit[], campaigns: readonly Campaign[], index: CampaignIndex,
): Resolution {
  // Shared one-element lists: no allocation per visit for the common single-campaign case.
  const single = campaigns.map((_, i) => Object.freeze([i]) as readonly number[]);
  const campaignsOf: (readonly number[])[] = new Array(visits.length);
  const assetIdOf: (string | null)[] = new Array(visits.length);
  const assetOf = new Int32Array(visits.length);
  // Pages repeat: each distinct URL is normalised and matched once.
  const assetOfUrl = new Map<string, number>();
  const campaignOfUtm = new Map<string, number>();
  for (let v = 0; v < visits.length; v++) {
    const visit = visits[v];
    let number = (visit.assetId === null ? undefined : index.assetNumber.get(visit.assetId)) ?? -1;
    if (number < 0 && visit.url !== null) {
      let matched = assetOfUrl.get(visit.url);
      if (matched === undefined) {
        const id = index.assetIdByUrl.get(normalizeUrl(visit.url));
        assetOfUrl.set(visit.url, (matched = id === undefined ? -1 : index.assetNumber.get(id)!));
      }
      number = matched;
    }
    assetOf[v] = number;
    assetIdOf[v] = number < 0 ? null : index.assetIds[number];
    if (number >= 0) {
      const links = index.linksOf[number];
      // A rule that applies but is not valid gives none: no falling through to utm (§7).
      let counted: readonly number[] = NONE;
      for (let j = 0; j < links.length; j++) {
        const { asset, campaign } = links[j];
        if (!linkCountsAt(asset, campaigns[campaign], visit.timestamp)) continue;
        counted = counted.length === 0 ? single[campaign] : [...counted, campaign];
      }
      campaignsOf[v] = counted;
      continue;
    }
    const utm = visit.utm.campaign;
    let c: number | undefined;
    if (utm) {
      // The same few utm values repeat on every row: trim and lower-case each distinct one once.
      c = campaignOfUtm.get(utm);
      if (c === undefined) campaignOfUtm.set(utm, (c = index.byUtm.get(normalizeUtm(utm)) ?? -1));
    }
    if (c === -1) c = undefined;
    campaignsOf[v] = c !== undefined && visit.timestamp >= campaigns[c].createdAt ? single[c] : NONE;
  }
  return { campaignsOf, assetIdOf, assetOf };
}
