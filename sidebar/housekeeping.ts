import type { CampaignChange, ChangeOutcome } from '../src/addon/sidebar-housekeeping';
import { ASSET_TYPES } from '../src/core/types';
import type { MessageId } from '../src/core/messages';
import { askToConfirm } from './confirm';
import { byId, el, t } from './dom';
import { callServer } from './server';
import { busy, showDone, showError } from './status';
import { state } from './store';

// Campaign housekeeping: create, rename, link an asset. Each asks the server what one row it would write,
// shows it for confirmation, and only then asks the server to write it.

const createForm = byId<HTMLFormElement>('create-campaign');
const newName = byId<HTMLInputElement>('new-campaign-name');
const renameForm = byId<HTMLFormElement>('rename-campaign');
const renameName = byId<HTMLInputElement>('rename-campaign-name');
const linkForm = byId<HTMLFormElement>('link-asset');
const assetId = byId<HTMLInputElement>('link-asset-id');
const assetType = byId<HTMLSelectElement>('link-asset-type');
const assetName = byId<HTMLInputElement>('link-asset-name');
const assetUrl = byId<HTMLInputElement>('link-asset-url');
const knownAssets = byId('known-assets');
const housekeeping = byId<HTMLDetailsElement>('housekeeping');

type Done = (cells: Record<string, string>) => Promise<void>;

/** Asks, confirms, writes; `done` gets the written row's cells (to select a new campaign, say). */
async function change(request: CampaignChange, done: Done): Promise<void> {
  const plan = await busy('sidebar.progress.checking_change', () => callServer('changeCampaign', request, false));
  if (plan !== undefined) confirmRow(request, plan, done);
}

/**
 * Shows the row and, confirmed, sends it back with the request: the server writes only that row. When the
 * data changed meanwhile it writes nothing and describes the row as it would now be: that is asked again.
 * In another language the server describes it anew, and that row is the one confirmed.
 */
function confirmRow(request: CampaignChange, plan: ChangeOutcome, done: Done): void {
  let shown = plan;
  const question = (row: ChangeOutcome) => ({ text: row.message, row: row.cells });
  const reword = async () => {
    shown = await callServer('changeCampaign', request, false);
    return question(shown);
  };
  askToConfirm(question(plan), reword, () => {
    void busy('sidebar.progress.writing_row', async () => {
      const written = await callServer('changeCampaign', request, true, { sheet: shown.sheet, row: shown.row, cells: shown.cells });
      if (written.status === 'confirm') return confirmRow(request, written, done);
      showDone(written.message);
      await done(Object.fromEntries(written.cells.map((cell) => [cell.column, cell.value])));
    });
  });
}

/** The asset fields for the known asset with this id (its latest link), to link it elsewhere. */
function prefillAsset(): void {
  const known = state().assets.find((a) => a.id === assetId.value.trim());
  if (!known) return;
  assetType.value = known.type;
  assetName.value = known.name;
  assetUrl.value = known.url ?? '';
}

/** The campaign whose name the rename field was given, and that name: a name the user typed differs from it. */
let offered: { campaignId: string | null; name: string } = { campaignId: null, name: '' };

/**
 * Shows the selected campaign's name in the rename field (keeping a new name the user is typing for it, through
 * a change of language, say) and the assets in the id suggestions.
 */
export function showCampaign(campaignId: string | null): void {
  const name = state().campaigns.find((c) => c.id === campaignId)?.name ?? '';
  if (campaignId !== offered.campaignId || renameName.value === offered.name) renameName.value = name;
  offered = { campaignId, name };
  knownAssets.replaceChildren(...state().assets.map((a) => el('option', { value: a.id }, a.name)));
}

/** Opens "link asset" filled in, for a tracking URL just made. */
export function offerLink(fields: { id: string; name: string; url: string }): void {
  housekeeping.open = true;
  assetId.value = fields.id;
  assetType.value = 'tracking_url';
  assetName.value = fields.name;
  assetUrl.value = fields.url;
  assetId.focus();
}

export function wireHousekeeping(selectedCampaign: () => string | null, reload: (campaignId: string | null) => Promise<void>): void {
  // One asset's type: the singular labels. data-msg: a change of language translates them with the rest of the page.
  assetType.replaceChildren(...ASSET_TYPES.map((type) => el('option', { value: type, 'data-msg': `asset_kind.${type}` }, t(`asset_kind.${type}` as MessageId))));
  assetId.addEventListener('change', prefillAsset);
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void change({ kind: 'create_campaign', name: newName.value }, async (cells) => {
      newName.value = '';
      await reload(cells.campaign_id ?? null);
    });
  });
  renameForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const campaignId = selectedCampaign();
    if (campaignId === null) return showError(t('sidebar.campaigns.pick_first'));
    void change({ kind: 'rename_campaign', campaignId, name: renameName.value }, () => reload(campaignId));
  });
  linkForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const campaignId = selectedCampaign();
    if (campaignId === null) return showError(t('sidebar.campaigns.pick_first'));
    void change({
      kind: 'link_asset', campaignId, assetId: assetId.value, type: assetType.value, name: assetName.value, url: assetUrl.value,
    }, async () => {
      for (const input of [assetId, assetName, assetUrl]) input.value = '';
      await reload(campaignId);
    });
  });
}
