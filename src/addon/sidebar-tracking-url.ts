import { ingestWorkbook } from '../core/ingest';
import type { Campaign } from '../core/types';
import { AddonError } from './addon-error';
import { trackingUrl } from './custom-functions-url';
import { readDataSheets } from './data-sheets';
import type { GasServices } from './gas-adapters';
import { dataSheetNames } from './settings';
import { settingsOf } from './validation';

// "Create tracking URL": a page address tagged with the campaign's current utm_campaign value (as the
// TRACKING_URL formula tags it), so visits through it count for the campaign. Adding it to the campaign as
// a tracking_url asset is a housekeeping change of its own (sidebar-housekeeping.ts), after confirmation.

export interface TrackingUrlRequest {
  campaignId: string;
  url: string;
  source: string;
  medium: string;
  term: string;
  content: string;
}

/** The campaigns as the Campaigns sheet has them: one read, whatever state the other data sheets are in. */
export function campaignsOnSheet(services: GasServices): Campaign[] {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const reading = settingsOf(spreadsheet, documentProperties);
  return ingestWorkbook(readDataSheets(spreadsheet, dataSheetNames(documentProperties), ['Campaigns']), {
    tz: reading.timeZone, locale: reading.locale, currency: reading.currency,
  }).workbook.campaigns;
}

export function sidebarTrackingUrl(services: GasServices, request: TrackingUrlRequest): { url: string; utm: string } {
  const campaign = campaignsOnSheet(services).find((c) => c.id === request.campaignId);
  if (!campaign) throw new AddonError('sidebar.change.campaign_unknown', { id: String(request.campaignId) });
  const utm = campaign.utmCampaign?.trim() ?? '';
  if (utm === '') throw new AddonError('sidebar.tracking.no_utm', { name: campaign.name });
  // The campaign was picked, so its utm value is known already.
  const tz = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const url = trackingUrl(request.url, utm, request.source, request.medium, request.term, request.content, tz, (typed) => typed);
  return { url: String(url), utm };
}
