// Rules over all of an asset's links to campaigns (attribution-models.md §1 and §7). This is the one
// place the "linking an asset to another campaign moves it" rule lives: the engine trusts workbook.assets.
import type { Asset, Problem } from '../types';
import { rowProblem } from './row-reader';

/**
 * Settles the Assets rows that passed their own checks: a non-workflow asset keeps only its latest link
 * (latest associated_at, same time: the later row), every earlier one is left out with a warning, even one
 * to the same campaign (an asset moved to C2 and back to C1 is C1's), and the latest link keeps the asset's
 * details its row leaves blank from the earlier rows (withEarlierDetails); workflows keep every link to each
 * campaign, and a repeated workflow link is left out (error). Then warns about unpublished social posts and
 * incomplete A/B groups. Keeps sheet order.
 */
export function settleAssetLinks(links: readonly Asset[], problems: Problem[]): Asset[] {
  const settled = dropRepeatedLinks(keepLatestLinks(links, problems), problems);
  warnUnpublishedSocialPosts(settled, problems);
  warnIncompleteAbGroups(settled, problems);
  return settled;
}

/** The same workflow linked to the same campaign twice: the later row is left out (other assets have one link by now). */
function dropRepeatedLinks(links: readonly Asset[], problems: Problem[]): Asset[] {
  const firstLink = new Map<string, Asset>();
  const kept: Asset[] = [];
  for (const link of links) {
    const key = `${link.id}\u0000${link.campaignId}`;
    const first = firstLink.get(key);
    if (first === undefined) {
      firstLink.set(key, link);
      kept.push(link);
    } else {
      problems.push(rowProblem('Assets', link.row, 'campaign_id', 'ingest.duplicate_link', {
        id: link.id, campaign: link.campaignId, first: first.row,
      }));
    }
  }
  return kept;
}

function keepLatestLinks(links: readonly Asset[], problems: Problem[]): Asset[] {
  const latest = new Map<string, Asset>();
  for (const link of links) {
    if (link.type === 'workflow') continue;
    const current = latest.get(link.id);
    // Links come in sheet order, so `>=` lets the later row win a tie.
    if (current === undefined || link.associatedAt >= current.associatedAt) latest.set(link.id, link);
  }
  const moved = new Map<string, Asset[]>();
  const kept = links.filter((link) => {
    const winner = link.type === 'workflow' ? link : latest.get(link.id);
    if (winner === undefined || winner === link) return true;
    problems.push(rowProblem('Assets', link.row, 'campaign_id', 'ingest.asset_moved', {
      id: link.id, from: link.campaignId, campaign: winner.campaignId, row: winner.row,
    }, 'warning'));
    const earlier = moved.get(link.id);
    if (earlier) earlier.push(link);
    else moved.set(link.id, [link]);
    return false;
  });
  return kept.map((link) => (link.type !== 'workflow' && moved.has(link.id) ? withEarlierDetails(link, moved.get(link.id)!) : link));
}

/** What describes the asset itself, as opposed to its link to a campaign (campaign, association, A/B group). */
const ASSET_DETAILS = ['name', 'url', 'keyword', 'publishedAt', 'sent', 'delivered', 'views'] as const;

/**
 * A moved asset is still the one asset: a detail its latest row leaves blank (the URL, typically, when the row
 * restates only id, campaign and type) is the one its latest earlier row gave. Without its URL, the page's
 * visits would count for no campaign.
 */
function withEarlierDetails(winner: Asset, earlier: readonly Asset[]): Asset {
  const filled: Asset = { ...winner };
  const newestFirst = [...earlier].reverse().sort((a, b) => b.associatedAt - a.associatedAt);
  for (const detail of ASSET_DETAILS) {
    if (filled[detail] !== null && filled[detail] !== '') continue;
    const from = newestFirst.find((link) => link[detail] !== null && link[detail] !== '');
    if (from !== undefined) (filled as Record<typeof detail, unknown>)[detail] = from[detail];
  }
  return filled;
}

function warnUnpublishedSocialPosts(assets: readonly Asset[], problems: Problem[]): void {
  for (const asset of assets) {
    if (asset.type === 'social_post' && asset.publishedAt === null) {
      problems.push(rowProblem('Assets', asset.row, 'published_at', 'ingest.social_unpublished', { id: asset.id }, 'warning'));
    }
  }
}

/** A/B groups are per campaign: two campaigns may both name a group "A". */
function warnIncompleteAbGroups(assets: readonly Asset[], problems: Problem[]): void {
  const groups = new Map<string, { group: string; members: Asset[] }>();
  for (const asset of assets) {
    if (asset.abGroup === null) {
      if (asset.abWinner) {
        problems.push(rowProblem('Assets', asset.row, 'ab_group', 'ingest.ab_winner_without_group', {}, 'warning'));
      }
      continue;
    }
    const key = `${asset.campaignId}\u0000${asset.abGroup}`;
    const found = groups.get(key);
    if (found) found.members.push(asset);
    else groups.set(key, { group: asset.abGroup, members: [asset] });
  }
  for (const { group, members } of groups.values()) {
    const winners = members.filter((asset) => asset.abWinner);
    if (winners.length === 0) {
      problems.push(rowProblem('Assets', members[0].row, 'ab_winner', 'ingest.ab_no_winner', { group }, 'warning'));
    } else if (winners.length > 1) {
      problems.push(rowProblem('Assets', winners[0].row, 'ab_winner', 'ingest.ab_several_winners', {
        group, rows: winners.map((w) => w.row).join(', '),
      }, 'warning'));
    }
  }
}
