import type { ChangeTriggersPort, GzipPort, ScriptAppPort, UtilitiesPort } from '../../src/addon/ports';
import { fakeServices, logCalls, type FakeOptions, type FakeServices } from './gas-fakes';
import { fakeChangeTriggers, fakeGzip, type FakeChangeTrigger, type Wrap } from './gas-fakes-cache';
import { fakeGoogleServices, type GoogleFakeOptions, type GoogleFakes } from './gas-fakes-services';

// Every service the add-on reaches (src/addon/gas-adapters.ts) at once, for running dist/Code.js as a whole
// add-on, as the sidebar preview does: the spreadsheet, properties, lock and cache (gas-fakes.ts), Google's
// services (gas-fakes-services.ts), gzip and the change trigger (gas-fakes-cache.ts). Apps Script has one
// Utilities and one ScriptApp; each of those files stands in for a part of them, joined here. Every call is
// logged in `services.calls`.

export interface FakeAddon {
  services: FakeServices;
  google: GoogleFakes;
  /** The change triggers installed (by a report run). */
  changeTriggers: FakeChangeTrigger[];
  /** The globals Code.js sees. */
  globals: Omit<FakeServices['globals'], 'ScriptApp'> & Omit<GoogleFakes['globals'], 'ScriptApp' | 'Utilities'> & {
    ScriptApp: ScriptAppPort & ChangeTriggersPort;
    Utilities: UtilitiesPort & GzipPort;
  };
}

export function fakeAddon(options: FakeOptions & GoogleFakeOptions = {}): FakeAddon {
  const { user, mailQuota, deniedScopes, respond, refusedAddresses, sharedNotMailed, now, ...spreadsheet } = options;
  const services = fakeServices(spreadsheet);
  const google = fakeGoogleServices(services, { user, mailQuota, deniedScopes, respond, refusedAddresses, sharedNotMailed, now });
  const wrap: Wrap = (label, target) => logCalls(label, target, (call) => services.calls.push(call));
  const changes = fakeChangeTriggers(wrap);
  const clock = google.globals.ScriptApp;
  const ScriptApp: ScriptAppPort & ChangeTriggersPort = {
    AuthMode: clock.AuthMode,
    WeekDay: clock.WeekDay,
    getOAuthToken: () => clock.getOAuthToken(),
    requireScopes: (authMode, scopes) => clock.requireScopes(authMode, scopes),
    deleteTrigger: (trigger) => (changes.triggers.some((t) => t.id === trigger.getUniqueId()) ? changes.port : clock).deleteTrigger(trigger),
    // One builder: time-driven (the scheduled report) or for the spreadsheet (the change trigger).
    newTrigger: (functionName) => ({ ...clock.newTrigger(functionName), ...changes.port.newTrigger(functionName) }),
    getUserTriggers: (spreadsheetPort) => [...clock.getUserTriggers(spreadsheetPort), ...changes.port.getUserTriggers(spreadsheetPort)],
  };
  return {
    services,
    google,
    changeTriggers: changes.triggers,
    globals: {
      ...services.globals,
      ...google.globals,
      ScriptApp,
      Utilities: { ...google.globals.Utilities, ...fakeGzip(wrap) },
    },
  };
}
