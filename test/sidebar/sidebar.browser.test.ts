import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SetupStatus } from '../../src/addon/sidebar-setup';
import { COLUMN_SPECS } from '../../src/core/ingest/columns';
import { isMessageId } from '../../src/core/messages';
import { ROOT } from '../support/built-dist';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, HAVE_CHROMIUM, markupMessageIds, SidebarHarness, SIDEBAR_WIDTH, type Fixtures, type Sidebar } from './browser';
import { EMPTY, READY, ready, RESULTS, STATE, WRITTEN } from './fixtures';

// The built sidebar in headless Chromium, its server stood in for by fixtures (test/sidebar/browser.ts).
// Expected texts and numbers are the catalogue's English and hand arithmetic on the fixtures.

if (!HAVE_CHROMIUM) {
  console.warn('Skipping the sidebar browser tests: /usr/bin/chromium is missing. Install it with `apt-get install -y chromium` (.ci/run does).');
}
const inChromium = HAVE_CHROMIUM ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

test('every catalogue id the markup names exists', () => {
  expect(markupMessageIds().filter((id) => !isMessageId(id))).toEqual([]);
});

/** The report sheets as last written: the choices on screen (STATE.options, the last 30 days on 2024-05-15). */

inChromium('the sidebar in Chromium', () => {
  const harness = new SidebarHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  /** Opens the sidebar and waits until the campaign page shows. */
  async function campaignPage(fixtures: Fixtures = ready()): Promise<Sidebar> {
    const sidebar = await harness.open(fixtures);
    await sidebar.page.locator('#campaign-page').waitFor({ state: 'visible' });
    return sidebar;
  }

  /** The server's question for a new campaign "Winter": one Campaigns row, shown for confirmation. */
  const plan = {
    status: 'confirm', sheet: 'Campaigns', row: 5, message: 'Add this row to Campaigns?',
    cells: [{ column: 'campaign_id', value: 'C4' }, { column: 'name', value: 'Winter' }],
  };

  /** Asks to create the campaign "Winter" from the housekeeping section; returns once the question shows. */
  async function askToCreateWinter(): Promise<Sidebar> {
    const sidebar = await campaignPage(ready({ changeCampaign: { value: plan } }));
    await sidebar.page.click('#housekeeping > summary');
    await sidebar.page.fill('#new-campaign-name', 'Winter');
    await sidebar.page.click('#create-campaign button');
    await sidebar.page.locator('#confirm').waitFor({ state: 'visible' });
    return sidebar;
  }

  async function run(sidebar: Sidebar): Promise<void> {
    await sidebar.page.click('#run');
    await sidebar.page.locator('#results').waitFor({ state: 'visible' });
  }

  /** Opens an action's panel (export, dashboard, share, schedule) by its button and waits until it shows. */
  async function openPanel(page: Page, name: string): Promise<void> {
    await page.click(`#${name}-open`);
    await page.locator(`#${name}-panel`).waitFor({ state: 'visible' });
  }

  test('opens with the choices the user left, the model explained, in a 300 px panel', async () => {
    const { page } = await campaignPage();
    expect(await page.inputValue('#campaign')).toBe('C2');
    expect(await page.inputValue('#model')).toBe('u_shaped');
    expect(await page.textContent('#model-help')).toBe('40% to the first interaction, 40% to the lead conversion, 20% to the rest.');
    expect(await page.inputValue('#range')).toBe('last_30_days');
    expect(await page.textContent('#range-help')).toBe('2024-04-16 to 2024-05-15');
    expect(await page.isChecked('#touch-first')).toBe(true);
    expect(await page.isChecked('#frequency-monthly')).toBe(true);
    expect(await page.locator('#custom-range').isHidden()).toBe(true);
    // Nothing wider than the panel: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    // "All dates" is the first preset; every model of the state is offered.
    expect(await page.locator('#range option').first().textContent()).toBe('All dates');
    expect(await page.locator('#model option').allTextContents()).toEqual(['Linear', 'U-shaped', 'Markov chain']);
  });

  test('every change is kept for the user: the server is told the new options', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await page.selectOption('#model', 'linear');
    expect(await page.textContent('#model-help')).toBe('Equal credit to every interaction.');
    await page.check('#touch-last');
    await page.selectOption('#range', 'custom');
    await page.fill('#from', '2024-06-01');
    await page.fill('#to', '2024-12-31');
    await page.locator('#to').dispatchEvent('change');
    // A custom range may reach past today, and says so.
    expect(await page.textContent('#range-help')).toBe('2024-06-01 to 2024-12-31 This includes days after today.');
    const saves = await sidebar.calls('saveSidebarChoices');
    // The first change alone, then every later one on top of it.
    expect(saves[0].args).toEqual([{
      campaignId: 'C2', model: 'linear', touch: 'first', range: 'last_30_days', from: null, to: null, frequency: 'monthly',
      channels: 'source', markovOrder: 2, lookbackDays: null,
    }]);
    expect(saves.at(-1)!.args).toEqual([{
      campaignId: 'C2', model: 'linear', touch: 'last', range: 'custom', from: '2024-06-01', to: '2024-12-31', frequency: 'monthly',
      channels: 'source', markovOrder: 2, lookbackDays: null,
    }]);
    // Half edited, the range starts after it ends: the line under it says so, and nothing is sent to be refused.
    await page.fill('#from', '2025-02-01');
    await page.locator('#from').dispatchEvent('change');
    expect(await page.getAttribute('#range-help', 'class')).toContain('error');
    // The dates typed are marked as unusable, and the line saying why describes them.
    for (const date of ['#from', '#to']) {
      expect(await page.getAttribute(date, 'aria-invalid')).toBe('true');
      expect(await page.getAttribute(date, 'aria-describedby')).toBe('range-help');
    }
    expect(await sidebar.calls('saveSidebarChoices')).toHaveLength(saves.length);
    expect(await page.locator('#notice[role=alert]').count()).toBe(0);
  });

  test('the data-driven models: channels and Markov order are offered, shown as stored, and kept when changed', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    expect(await page.locator('#channels option').allTextContents()).toEqual(['Campaigns', 'Sources', 'Asset types']);
    expect(await page.locator('#markov-order option').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(await page.inputValue('#channels')).toBe('source');
    expect(await page.inputValue('#markov-order')).toBe('2');
    await page.selectOption('#channels', 'asset_type');
    await page.selectOption('#markov-order', '3');
    expect((await sidebar.calls('saveSidebarChoices')).at(-1)!.args[0]).toMatchObject({ channels: 'asset_type', markovOrder: 3 });
  });

  test('the lookback window: a labelled box showing the window kept, every change sent, empty for no window', async () => {
    const sidebar = await campaignPage(ready({ getSidebarState: { value: { ...STATE, options: { ...STATE.options, lookbackDays: 30 } } } }));
    const { page } = sidebar;
    // Found by its role and label, as a screen reader finds it; the line under it is its description.
    const box = page.getByRole('spinbutton', { name: 'Lookback window (days)' });
    expect(await box.inputValue()).toBe('30');
    expect(await box.getAttribute('placeholder')).toBe('None');
    expect(await page.locator(`#${await box.getAttribute('aria-describedby')}`).textContent())
      .toBe('Interactions more than this many days before a conversion earn no credit. Empty: no window.');
    expect([await box.getAttribute('min'), await box.getAttribute('max'), await box.getAttribute('step')]).toEqual(['0', '36500', '1']);
    // By keyboard: the arrow keys step a day at a time, and the change is kept at once.
    await box.focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => window.__calls.some((c) => c.name === 'saveSidebarChoices'));
    expect((await sidebar.calls('saveSidebarChoices')).at(-1)!.args[0]).toMatchObject({ lookbackDays: 31 });
    await box.fill('90');
    await page.keyboard.press('Tab');
    expect((await sidebar.calls('saveSidebarChoices')).at(-1)!.args[0]).toMatchObject({ lookbackDays: 90 });
    await run(sidebar);
    expect((await sidebar.calls('runSidebar')).at(-1)!.args[0]).toMatchObject({ campaignId: 'C2', lookbackDays: 90 });
    // Emptied: no window. A new window takes the results off the page, as any other choice does.
    await box.fill('');
    await page.keyboard.press('Tab');
    expect((await sidebar.calls('saveSidebarChoices')).at(-1)!.args[0]).toMatchObject({ lookbackDays: null });
    expect(await page.locator('#results').isVisible()).toBe(false);
    // Within the 300 px panel.
    expect((await box.boundingBox())!.x + (await box.boundingBox())!.width).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('a window the add-on cannot use: the line under the box says why, nothing is kept, and Run shows the server\'s refusal', async () => {
    const refusal = 'The lookback window must be a whole number of days from 0 to 36500, not "-3"; leave it empty for no window.';
    const sidebar = await campaignPage(ready({ runSidebar: { error: refusal } }));
    const { page } = sidebar;
    const saves = (await sidebar.calls('saveSidebarChoices')).length;
    await page.fill('#lookback', '-3');
    await page.keyboard.press('Tab');
    expect(await page.textContent('#lookback-help')).toBe(refusal);
    expect(await page.getAttribute('#lookback-help', 'class')).toContain('error');
    expect(await page.getAttribute('#lookback', 'aria-invalid')).toBe('true');
    expect(await sidebar.calls('saveSidebarChoices')).toHaveLength(saves);
    // Run asks the server anyway (it checks what it is sent), and says what it answered.
    await page.click('#run');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice')).toBe(`That did not work: ${refusal}`);
    expect((await sidebar.calls('runSidebar')).at(-1)!.args[0]).toMatchObject({ lookbackDays: -3 });
    expect(await page.locator('#results').isVisible()).toBe(false);
    // Days the browser cannot read as a number would reach the server as no window: Run says so instead.
    const runs = (await sidebar.calls('runSidebar')).length;
    await page.fill('#lookback', '');
    await page.locator('#lookback').pressSequentially('1e');
    await page.keyboard.press('Tab');
    const unreadable = 'Type the lookback window as a whole number of days, such as 30, or leave it empty for no window.';
    expect(await page.textContent('#lookback-help')).toBe(unreadable);
    await page.click('#run');
    await page.locator('#notice[role=alert]', { hasText: unreadable }).waitFor();
    expect(await sidebar.calls('runSidebar')).toHaveLength(runs);
    expect(await sidebar.calls('saveSidebarChoices')).toHaveLength(saves);
    // Emptied from there (the browser sees no change: both read as ""), the line explains the box again at once.
    await page.fill('#lookback', '');
    expect(await page.textContent('#lookback-help')).toBe('Interactions more than this many days before a conversion earn no credit. Empty: no window.');
    expect(await page.getAttribute('#lookback', 'aria-invalid')).toBe('false');
    // A window it can use again: the line explains the box once more, and the choice is kept.
    await page.fill('#lookback', '14');
    await page.keyboard.press('Tab');
    expect(await page.getAttribute('#lookback', 'aria-invalid')).toBe('false');
    expect((await sidebar.calls('saveSidebarChoices')).at(-1)!.args[0]).toMatchObject({ lookbackDays: 14 });
  });

  test('the lookback window in Dutch, within 300 px', async () => {
    const { page } = await campaignPage(ready({ getSidebarState: { value: { ...STATE, language: 'nl', languageChoice: 'nl' } } }));
    expect(await page.textContent('label[for=lookback]')).toBe('Terugkijkperiode (dagen)');
    expect(await page.textContent('#lookback-help'))
      .toBe('Interacties van meer dan zoveel dagen vóór een conversie krijgen geen aandeel. Leeg: geen terugkijkperiode.');
    expect(await page.getAttribute('#lookback', 'placeholder')).toBe('Geen');
    await page.fill('#lookback', '36501');
    await page.keyboard.press('Tab');
    expect(await page.textContent('#lookback-help'))
      .toBe('De terugkijkperiode moet een geheel aantal dagen van 0 t/m 36500 zijn, niet "36501"; laat het veld leeg voor geen terugkijkperiode.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('in Dutch at 300 px, the data-driven fields stand level though one label wraps', async () => {
    const sidebar = await campaignPage(ready({ getSidebarState: { value: { ...STATE, language: 'nl', languageChoice: 'nl' } } }));
    const { page } = sidebar;
    const box = (selector: string) => page.locator(selector).evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    const labels = await Promise.all(['label[for=channels]', 'label[for=markov-order]'].map((selector) => box(selector)));
    // The channels label takes more lines than the order's at this width; the boxes still line up.
    expect(labels[0].bottom - labels[0].top).toBeGreaterThan(labels[1].bottom - labels[1].top);
    expect(await box('#channels')).toEqual(await box('#markov-order'));
  });

  test('the campaign picker searches by name and keeps the choice', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await page.fill('#campaign-search', 'spr');
    expect(await page.locator('#campaign option').allTextContents()).toEqual(['Spring launch']);
    expect(await page.inputValue('#campaign')).toBe('C1');
    expect((await sidebar.calls('saveSidebarChoices')).at(-1)!.args[0]).toMatchObject({ campaignId: 'C1' });
    await page.fill('#campaign-search', 'nothing like it');
    expect(await page.locator('#campaign-none').isVisible()).toBe(true);
    // Said to the screen reader of the user typing, and the box is described by it while it shows.
    expect(await page.textContent('#announcer')).toBe('No campaign matches that name.');
    expect(await page.getByRole('searchbox').getAttribute('aria-describedby')).toBe('campaign-none');
    await page.fill('#campaign-search', '');
    expect(await page.locator('#campaign option').count()).toBe(3);
    expect(await page.getByRole('searchbox').getAttribute('aria-describedby')).toBeNull();
  });

  test('results are of the choices they were run with: another choice takes them off the page; no campaign, no run', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await run(sidebar);
    // Another model: the figures on show (and the drill-downs and exports beside them) were not of it.
    await page.selectOption('#model', 'linear');
    expect(await page.locator('#results').isVisible()).toBe(false);
    await run(sidebar);
    // A search that matches no campaign leaves none to run: said, and the server is not asked.
    await page.fill('#campaign-search', 'nothing like it');
    expect(await page.locator('#results').isVisible()).toBe(false);
    const runs = (await sidebar.calls('runSidebar')).length;
    await page.click('#run');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice')).toBe('No campaign matches that name.');
    expect(await sidebar.calls('runSidebar')).toHaveLength(runs);
  });

  test('a tracking URL refused after one was made: the old one is no longer offered', async () => {
    const sidebar = await campaignPage(ready({ createTrackingUrl: { value: { url: 'https://example.com/a?utm_campaign=summer', utm: 'summer' } } }));
    const { page } = sidebar;
    await run(sidebar);
    await page.click('#tracking-open');
    await page.fill('#tracking-url', 'https://example.com/a');
    await page.fill('#tracking-source', 'news');
    await page.fill('#tracking-medium', 'email');
    await page.click('#tracking-panel button[type=submit]');
    await page.locator('#tracking-result').waitFor({ state: 'visible' });
    expect(await page.inputValue('#tracking-output')).toBe('https://example.com/a?utm_campaign=summer');
    await sidebar.answer('createTrackingUrl', { error: 'The address must start with https://.' });
    await page.fill('#tracking-url', 'example.com/b');
    await page.click('#tracking-panel button[type=submit]');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.locator('#tracking-result').isVisible()).toBe(false);
  });

  test('money is shown in the currency the results were computed in, when the state knew none (no setting, a locale without a country)', async () => {
    const { page } = await campaignPage(ready({ getSidebarState: { value: { ...STATE, currency: null, currencyChoice: null, localeCurrency: null } } }));
    await page.click('#run');
    await page.locator('#results').waitFor({ state: 'visible' });
    expect(await page.locator('.kpi[data-kpi="revenue"] .value').textContent()).toBe('€2,500.00');
  });

  test('Run: disabled with a progress line while the server works, then the KPI tiles with goal and change', async () => {
    const sidebar = await campaignPage(ready({ runSidebar: { value: RESULTS, hold: true } }));
    const { page } = sidebar;
    await page.click('#run');
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(await page.textContent('#progress-text')).toBe('Computing the campaign\'s figures…');
    expect(await page.isDisabled('#run')).toBe(true);
    expect(await page.getAttribute('#results', 'aria-busy')).toBe('true');
    // Screen readers hear it from a live region that was there from the start, outside anything busy.
    expect(await page.textContent('#announcer')).toBe('Computing the campaign\'s figures…');
    expect(await page.evaluate(() => {
      const announcer = document.getElementById('announcer')!;
      return [announcer.getAttribute('role'), announcer.getAttribute('aria-live'), announcer.closest('[aria-busy]')];
    })).toEqual(['status', 'polite', null]);
    // A second click while it runs starts nothing.
    await page.locator('#run').click({ force: true }).catch(() => undefined);
    expect(await sidebar.calls('runSidebar')).toHaveLength(1);

    await sidebar.release('runSidebar');
    await page.locator('#results').waitFor({ state: 'visible' });
    expect(await page.isEnabled('#run')).toBe(true);
    expect(await page.locator('#progress').isHidden()).toBe(true);
    expect((await sidebar.calls('runSidebar'))[0].args[0]).toMatchObject({ campaignId: 'C2', model: 'u_shaped', range: 'last_30_days' });
    // The outcome is said once: by the announcer, not again by the notice that shows it.
    expect(await page.textContent('#announcer')).toBe(await page.textContent('#notice'));
    expect(await page.getAttribute('#notice', 'aria-live')).toBe('off');

    const tile = (key: string) => page.locator(`.kpi[data-kpi="${key}"]`);
    const text = async (key: string, part: string) => tile(key).locator(part).textContent();
    expect(await page.textContent('#results-title')).toBe('Summer sale');
    expect(await page.textContent('#results-range')).toBe('2024-04-16 to 2024-05-15 · U-shaped');
    // 150 of 200 = 75%; against 120: +25%.
    expect(await text('sessions', '.value')).toBe('150');
    expect(await text('sessions', '.goal')).toBe('75% of the goal of 200');
    expect(await tile('sessions').locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('75');
    expect(await text('sessions', '.change')).toBe('+25% against the previous 30 days (120)');
    // 12 of 10 = 120% (the bar is full); the same as before.
    expect(await text('new_contacts', '.goal')).toBe('120% of the goal of 10');
    expect(await text('new_contacts', '.change')).toBe('The same as in the previous 30 days');
    // No goal: no bar; up from nothing.
    expect(await tile('influenced_contacts').locator('.goal').count()).toBe(0);
    expect(await text('influenced_contacts', '.change')).toBe('Up from 0 over the previous 30 days');
    // Money: 2,500 of 2,000 = 125%; against 4,000: (2,500 − 4,000) / 4,000 = −37.5%, shown in whole percents as −38%
    // with the minus sign U+2212 (the digest's too: figure-change.ts), not a hyphen. 8,000 against 6,400: +25%.
    expect(await text('revenue', '.value')).toBe('€2,500.00');
    expect(await text('revenue', '.goal')).toBe('125% of the goal of €2,000.00');
    expect(await text('revenue', '.change')).toBe('\u221238% against the previous 30 days (€4,000.00)');
    expect(await text('influenced_revenue', '.value')).toBe('€8,000.00');
    expect(await text('influenced_revenue', '.change')).toBe('+25% against the previous 30 days (€6,400.00)');
    // The chart's legend totals the periods: 5 + 7 new contacts, 14 + 16 influenced, 70 + 80 sessions.
    expect(await page.locator('#chart .legend li').allTextContents()).toEqual(['New contacts: 12', 'Influenced contacts: 30', 'Sessions: 150']);
    expect(await page.locator('#chart svg[role=img]').getAttribute('aria-label')).toBe('Line chart of New contacts, Influenced contacts, and Sessions by Period.');
    // Its figures, period by period, are in a table a screen reader finds by the chart's name.
    const values = page.getByRole('table', { name: 'Line chart of New contacts, Influenced contacts, and Sessions by Period.' });
    expect(await values.locator('tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent))))
      .toEqual([['Period', 'New contacts', 'Influenced contacts', 'Sessions'], ['2024-04', '5', '14', '70'], ['2024-05', '7', '16', '80']]);
    // The data's problems, with sheet, row and column.
    expect(await page.textContent('#problems summary')).toBe('Problems in the data · errors (rows left out): 1, warnings: 0');
    expect(await page.textContent('#problems li .where')).toBe('Error · Deals, row 7, column amount');
  });

  test('a de_DE spreadsheet in English: the tiles\' numbers in German notation, as the report writes them; the words in English', async () => {
    const sidebar = await campaignPage(ready({ getSidebarState: { value: { ...STATE, locale: 'de_DE' } } }));
    const { page } = sidebar;
    await run(sidebar);
    const text = async (key: string, part: string) => page.locator(`.kpi[data-kpi="${key}"]`).locator(part).textContent();
    // fixtures.ts: revenue 2,500 of a goal of 2,000 (125%), against 4,000 before (−37.5%, shown as −38 % in German
    // notation, the sign U+2212 as in English).
    expect(await text('revenue', '.value')).toBe('2.500,00\u00a0€');
    expect(await text('revenue', '.goal')).toBe('125\u00a0% of the goal of 2.000,00\u00a0€');
    expect(await text('revenue', '.change')).toBe('\u221238\u00a0% against the previous 30 days (4.000,00\u00a0€)');
    // Asset table cells too: 1,234 views.
    expect(await page.locator('#results').textContent()).toContain('1.234');
  });

  test('asset sections collapse and expand, one by one or all at once', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await run(sidebar);
    const open = () => page.locator('details.section').evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open));
    expect(await page.locator('details.section > summary').allTextContents()).toEqual(['Assets: Landing pages (2)', 'Assets: Emails (1)']);
    expect(await open()).toEqual([true, true]);
    // A row: the name (the id when it has none), then the type's metrics formatted.
    expect(await page.locator('details.section').first().locator('tbody tr').first().textContent()).toBe('Summer page1,2349');
    expect(await page.locator('details.section').first().locator('tbody tr').nth(1).locator('th').textContent()).toBe('A9');
    expect(await page.locator('details.section').nth(1).locator('tbody td').textContent()).toBe('12.5%');
    await page.click('#collapse-all');
    expect(await open()).toEqual([false, false]);
    await page.locator('details.section > summary').nth(1).press('Enter');
    expect(await open()).toEqual([false, true]);
    await page.click('#expand-all');
    expect(await open()).toEqual([true, true]);
  });

  test('each amount opens its own drill-down sheet; counts open none', async () => {
    const sidebar = await campaignPage(ready({
      openDrillDownSheet: { value: { done: true, title: 'Campaign report', message: 'The drill-down sheet "Revenue drill-down" is open.', problems: [] } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    const amount = page.locator('.kpi[data-kpi="revenue"] button.value');
    expect(await amount.getAttribute('aria-label')).toBe('Revenue €2,500.00: open the drill-down sheet');
    await amount.click();
    await page.locator('#notice.done').waitFor();
    const calls = await sidebar.calls('openDrillDownSheet');
    expect(calls[0].args[0]).toMatchObject({ campaignId: 'C2', model: 'u_shaped' });
    expect(calls[0].args[1]).toBe('revenue');
    expect(await page.textContent('#notice')).toBe('The drill-down sheet "Revenue drill-down" is open.');
    // Influenced revenue has its own sheet: the deals the campaign influenced.
    await page.locator('.kpi[data-kpi="influenced_revenue"] button.value').click();
    await page.waitForFunction(() => document.querySelector('#notice.done') !== null);
    expect((await sidebar.calls('openDrillDownSheet'))[1].args[1]).toBe('influenced_revenue');
    expect(await page.locator('.kpi[data-kpi="sessions"] button').count()).toBe(0);
  });

  test('a failure is shown, never silent: the server\'s message, and the problems with sheet, row and column', async () => {
    const sidebar = await campaignPage(ready({ runSidebar: { error: 'The data sheets hold 9000000 cells.' } }));
    const { page } = sidebar;
    await page.click('#run');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice')).toBe('That did not work: The data sheets hold 9000000 cells.');
    expect(await page.isEnabled('#run')).toBe(true);

    await sidebar.answer('runSidebar', { value: {
      status: 'blocked', message: 'The report cannot run until these problems are fixed:',
      problems: [{
        severity: 'error', severityLabel: 'Error', sheet: 'Deals', row: null, column: 'amount', location: 'Deals, column amount',
        message: 'The required column "amount" is missing (looked for: amount, value, deal amount, deal value).',
      }],
    } });
    await page.click('#run');
    await page.locator('#notice .problems li').waitFor();
    expect(await page.textContent('#notice p')).toBe('The report cannot run until these problems are fixed:');
    expect(await page.textContent('#notice .problems .where')).toBe('Error · Deals, column amount');
    expect(await page.locator('#results').isHidden()).toBe(true);
  });

  test('the keyboard reaches Run through every control, with a visible focus', async () => {
    const { page } = await campaignPage();
    const visited: string[] = [];
    for (let i = 0; i < 20 && visited.at(-1) !== 'run'; i++) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(visited).toEqual(['campaign-search', 'campaign', 'model', 'touch-first', 'range', 'frequency-monthly', 'lookback', 'channels', 'markov-order', 'run']);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    // Enter on Run runs; the focus comes back to Run when the work is done (disabling it dropped the focus), so
    // the next Tab goes on from there, not from the top of the sidebar.
    await page.keyboard.press('Enter');
    await page.locator('#results').waitFor({ state: 'visible' });
    await page.waitForFunction(() => !(document.getElementById('run') as HTMLButtonElement).disabled);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('run');
  });

  test('switching to Nederlands saves the choice and re-renders the sidebar in Dutch, results included', async () => {
    const dutchState = {
      ...STATE, language: 'nl', languageChoice: 'nl',
      models: STATE.models.map((m) => (m.id === 'u_shaped' ? { ...m, name: 'U-vormig', description: '40% naar de eerste interactie, 40% naar de leadconversie, 20% naar de rest.' } : m)),
    };
    const sidebar = await campaignPage(ready({ saveSidebarLanguage: { value: dutchState } }));
    const { page } = sidebar;
    await run(sidebar);
    expect(await page.inputValue('#language')).toBe('auto');
    await sidebar.answer('runSidebar', { value: { ...RESULTS, language: 'nl', model: { id: 'u_shaped', name: 'U-vormig' } } });
    await page.selectOption('#language', 'nl');
    await page.locator('#results-range', { hasText: 'U-vormig' }).waitFor();

    expect((await sidebar.calls('saveSidebarLanguage')).map((c) => c.args)).toEqual([['nl']]);
    // The results are asked for again, with the controls as they were.
    expect((await sidebar.calls('runSidebar')).map((c) => c.args[0])).toEqual([
      expect.objectContaining({ campaignId: 'C2', model: 'u_shaped', range: 'last_30_days' }),
      expect.objectContaining({ campaignId: 'C2', model: 'u_shaped', range: 'last_30_days' }),
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.inputValue('#language')).toBe('nl');
    expect(await page.textContent('label[for=language]')).toBe('Taal');
    // The page's own words, the server's words and the words built in the page.
    expect(await page.textContent('label[for=model]')).toBe('Attributiemodel');
    expect(await page.textContent('#run')).toBe('Uitvoeren');
    expect(await page.textContent('#model-help')).toBe('40% naar de eerste interactie, 40% naar de leadconversie, 20% naar de rest.');
    expect(await page.locator('#range option').first().textContent()).toBe('Alle datums');
    expect(await page.textContent('#range-help')).toBe('2024-04-16 t/m 2024-05-15');
    expect(await page.locator('#link-asset-type option').first().textContent()).toBe('Landingspagina');
    expect(await page.textContent('#results-range')).toBe('2024-04-16 t/m 2024-05-15 · U-vormig');
    // 150 of a goal of 200, against 120 before (fixtures.ts). The amounts stay in the spreadsheet's locale
    // (en_US, as the report sheets show them): the language changes the words, not the notation.
    const tile = (key: string) => page.locator(`.kpi[data-kpi="${key}"]`);
    expect(await tile('sessions').locator('.label').textContent()).toBe('Sessies');
    expect(await tile('sessions').locator('.goal').textContent()).toBe('75% van het doel van 200');
    expect(await tile('sessions').locator('.change').textContent()).toBe('+25% ten opzichte van de vorige 30 dagen (120)');
    expect(await tile('revenue').locator('.value').textContent()).toBe('€2,500.00');
    // The run left a row out (fixtures.ts): said in the notice, with the count.
    expect(await page.textContent('#notice')).toBe('De cijfers van Summer sale zijn klaar, maar rijen met fouten tellen niet mee (fouten: 1). Ze staan hieronder, bij "Problemen in de gegevens".');
    // Longer Dutch words still fit the panel.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-output', 'sidebar-nl.png'), fullPage: true });
  });

  test('a workbook without data sheets is offered to create them', async () => {
    const sidebar = await harness.open({
      getSidebarState: { value: { ...STATE, campaigns: [], assets: [], setup: EMPTY } },
      createDataSheets: { value: { message: 'Created the sheets Campaigns, Assets, Visits, Deals.', status: EMPTY } },
    });
    const { page } = sidebar;
    await page.locator('#getting-started').waitFor({ state: 'visible' });
    expect(await page.locator('#campaign-page').isHidden()).toBe(true);
    expect(await page.textContent('#setup-title')).toBe('Getting started');
    await page.uncheck('#setup-optional');
    await page.click('#setup-create');
    await page.locator('#notice.done').waitFor();
    expect((await sidebar.calls('createDataSheets'))[0].args).toEqual([{ example: true, optional: false }]);
    expect(await page.textContent('#notice')).toBe('Created the sheets Campaigns, Assets, Visits, Deals.');
    // The state is asked for again, to show what is there now.
    expect(await sidebar.calls('getSidebarState')).toHaveLength(2);
  });

  /** A Deals tab and a CRM export of campaigns, but no Assets or Visits: some data sheets are there, not all. */
  const PARTLY: SetupStatus = {
    sheets: EMPTY.sheets.map((sheet) => (sheet.sheet === 'Deals' ? READY.sheets.find((s) => s.sheet === 'Deals')! : sheet)),
    tabs: [
      { name: 'Sheet1', headers: [] },
      { name: 'CRM campaigns', headers: ['Campaign code', 'Campaign title', 'Created'] },
      { name: 'Deals', headers: COLUMN_SPECS.Deals.map((spec) => spec.name) },
    ],
    empty: false,
    ready: false,
  };

  /** The mapping page of PARTLY, whose missing sheets the server creates, leaving the data `created`. */
  async function partlyThere(created: SetupStatus): Promise<Sidebar> {
    const sidebar = await harness.open({
      getSidebarState: { value: { ...STATE, campaigns: [], assets: [], setup: PARTLY } },
      saveDataSheetMapping: { value: { message: 'Saved, but these are still missing: Assets, Visits.', status: PARTLY } },
      createDataSheets: { value: { message: 'Created the sheets Assets, Visits.', status: created } },
    });
    await sidebar.page.locator('#mapping').waitFor({ state: 'visible' });
    return sidebar;
  }

  test('some data sheets there: the mapping step offers to create the missing ones, after saving the tabs chosen', async () => {
    const sidebar = await partlyThere(READY);
    const { page } = sidebar;
    const offer = () => page.textContent('#mapping-create-go');
    expect(await page.textContent('#mapping-create-intro'))
      .toBe('No sheet was found for Campaigns, Assets, Visits. Point to the sheets holding that data below, or create the missing ones here.');
    expect(await offer()).toBe('Create the missing sheets (Campaigns, Assets, Visits) with their headers');
    // No page to go back to: the sidebar has nothing to show until the data sheets are there.
    expect(await page.locator('#mapping-cancel').isHidden()).toBe(true);
    // A sheet pointed at a tab leaves the offer; with every one pointed at, there is nothing to create.
    await page.selectOption('#map-tab-Campaigns', 'CRM campaigns');
    expect(await offer()).toBe('Create the missing sheets (Assets, Visits) with their headers');
    await page.selectOption('#map-tab-Assets', 'Sheet1');
    await page.selectOption('#map-tab-Visits', 'Sheet1');
    expect(await page.locator('#mapping-create').isHidden()).toBe(true);
    await page.selectOption('#map-tab-Assets', '');
    await page.selectOption('#map-tab-Visits', '');
    expect(await offer()).toBe('Create the missing sheets (Assets, Visits) with their headers');
    await page.selectOption('#map-Campaigns-campaign_id', 'Campaign code');
    await page.selectOption('#map-Campaigns-name', 'Campaign title');

    await sidebar.answer('getSidebarState', { value: STATE });
    await page.click('#mapping-create-go');
    await page.locator('#notice.done').waitFor();
    expect(await page.textContent('#notice')).toBe('Created the sheets Assets, Visits.');
    expect((await sidebar.calls()).map((call) => call.name).filter((name) => /^(save|create)Data/.test(name)))
      .toEqual(['saveDataSheetMapping', 'createDataSheets']);
    expect((await sidebar.calls('saveDataSheetMapping'))[0].args).toEqual([{
      tabs: { Campaigns: 'CRM campaigns', Deals: 'Deals' }, columns: { Campaigns: { campaign_id: 'Campaign code', name: 'Campaign title' } },
    }]);
    expect((await sidebar.calls('createDataSheets'))[0].args).toEqual([{ example: false, optional: false }]);
    await page.locator('#campaign-page').waitFor({ state: 'visible' });
  });

  test('sheets created while a required column is still unmapped: said as an error, not plain success, on the mapping page', async () => {
    const sidebar = await partlyThere(PARTLY);
    const { page } = sidebar;
    await page.click('#mapping-create-go');
    await page.locator('#notice.error').waitFor();
    expect(await page.textContent('#notice p')).toBe('Created the sheets Assets, Visits. Some data sheets or required columns were not found. Point to them below.');
    expect(await page.locator('#mapping').isVisible()).toBe(true);
  });

  test('saving the mapping withdraws the figures on show: they were read through the mapping as it was', async () => {
    const sidebar = await campaignPage(ready({ saveDataSheetMapping: { value: { message: 'Saved. The add-on reads your data from these sheets and columns.', status: READY } } }));
    const { page } = sidebar;
    await page.click('#run');
    await page.locator('#results').waitFor({ state: 'visible' });
    if (!(await page.locator('#open-mapping').isVisible())) await page.click('#housekeeping > summary');
    await page.click('#open-mapping');
    await page.locator('#mapping').waitFor({ state: 'visible' });
    await page.click('#mapping-save');
    await page.locator('#campaign-page').waitFor({ state: 'visible' });
    expect(await page.locator('#results').isHidden()).toBe(true);
  });

  test('"Not in this sheet" un-maps a column a header matched by its name: sent as such, and shown so again', async () => {
    // A GA export's "Type" column, read as interaction_type by its name (an alias).
    const headers = COLUMN_SPECS.Visits.map((spec) => (spec.name === 'interaction_type' ? 'Type' : spec.name));
    const withType = (header: string | null): SetupStatus => ({
      ...READY,
      tabs: READY.tabs.map((tab) => (tab.name === 'Visits' ? { name: 'Visits', headers } : tab)),
      sheets: READY.sheets.map((sheet) => (sheet.sheet !== 'Visits' ? sheet
        : { ...sheet, columns: sheet.columns.map((c) => (c.name === 'interaction_type' ? { ...c, header } : c)) })),
    });
    const sidebar = await campaignPage(ready({
      getSidebarState: { value: { ...STATE, setup: withType('Type') } },
      saveDataSheetMapping: { value: { message: 'Saved. The add-on reads your data from these sheets and columns.', status: withType(null) } },
    }));
    const { page } = sidebar;
    const openMapping = async () => {
      await page.click('#open-mapping');
      await page.locator('#mapping').waitFor({ state: 'visible' });
      await page.click('fieldset[data-sheet="Visits"] summary');
    };
    const saved = async (count: number) => {
      await page.click('#mapping-save');
      await page.locator('#campaign-page').waitFor({ state: 'visible' });
      const saves = await sidebar.calls('saveDataSheetMapping');
      expect(saves).toHaveLength(count);
      return (saves.at(-1)!.args[0] as { columns: unknown }).columns;
    };
    await page.click('#housekeeping > summary');
    await openMapping();
    // Ready, the page came from the campaign page: Cancel goes back there, to the button it was opened with.
    expect(await page.locator('#mapping-cancel').isVisible()).toBe(true);
    await page.click('#mapping-cancel');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-mapping');
    await openMapping();
    expect(await page.inputValue('#map-Visits-interaction_type')).toBe('Type');
    await page.selectOption('#map-Visits-interaction_type', '');
    await sidebar.answer('getSidebarState', { value: { ...STATE, setup: withType(null) } });
    expect(await saved(1)).toEqual({ Visits: { interaction_type: null } });
    // Saved, the step is gone with the button pressed: the keyboard starts again from the campaign page's title.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('controls-title');
    // The server reads no header as the column now: the page shows the choice, and saving again keeps it.
    await openMapping();
    expect(await page.inputValue('#map-Visits-interaction_type')).toBe('');
    expect(await saved(2)).toEqual({ Visits: { interaction_type: null } });
  });

  test('one header picked for two columns is sent for both, the one matched by its name too, so that the server can refuse it', async () => {
    const headers = COLUMN_SPECS.Visits.map((spec) => (spec.name === 'interaction_type' ? 'Type' : spec.name));
    const visitsWithType: SetupStatus = {
      ...READY,
      tabs: READY.tabs.map((tab) => (tab.name === 'Visits' ? { name: 'Visits', headers } : tab)),
      sheets: READY.sheets.map((sheet) => (sheet.sheet !== 'Visits' ? sheet
        : { ...sheet, columns: sheet.columns.map((c) => (c.name === 'interaction_type' ? { ...c, header: 'Type' } : c)) })),
    };
    const refusal = 'The header "Type" of Visits is chosen for both interaction_type and source.';
    const sidebar = await campaignPage(ready({
      getSidebarState: { value: { ...STATE, setup: visitsWithType } },
      saveDataSheetMapping: { error: refusal },
    }));
    const { page } = sidebar;
    await page.click('#housekeeping > summary');
    await page.click('#open-mapping');
    await page.locator('#mapping').waitFor({ state: 'visible' });
    await page.click('fieldset[data-sheet="Visits"] summary');
    // "Type" is read as interaction_type by its name; the user picks it for source as well.
    expect(await page.inputValue('#map-Visits-interaction_type')).toBe('Type');
    await page.selectOption('#map-Visits-source', 'Type');
    await page.click('#mapping-save');
    await page.locator('#notice[role=alert]').waitFor();
    expect((await sidebar.calls('saveDataSheetMapping')).at(-1)!.args[0]).toMatchObject({ columns: { Visits: { interaction_type: 'Type', source: 'Type' } } });
    expect(await page.textContent('#notice')).toBe(`That did not work: ${refusal}`);
  });

  test('a run that left rows out says so in a warning, with the count; a run without errors is plainly done', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await run(sidebar);
    // RESULTS has one error (fixtures.ts).
    await page.locator('#notice.warning').waitFor();
    expect(await page.textContent('#notice'))
      .toBe('The figures of Summer sale are ready, but rows with errors are left out of them (errors: 1). They are listed below, under "Problems in the data".');
    const { color, background } = await page.locator('#notice').evaluate((node) => ({ color: getComputedStyle(node).color, background: getComputedStyle(node).backgroundColor }));
    expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);
    await sidebar.answer('runSidebar', { value: { ...RESULTS, problems: { listed: [], errors: 0, warnings: 2 } } });
    await page.selectOption('#model', 'linear');
    await run(sidebar);
    await page.locator('#notice.done').waitFor();
    expect(await page.textContent('#notice')).toBe('The figures of Summer sale are ready.');
    // Nothing happened in the range: every figure 0, and the warning says why.
    const why = 'Nothing happened in this range: no interaction, no deal created or closed, no spend. The data runs from 2024-01-01 to 2024-05-15.';
    await sidebar.answer('runSidebar', { value: { ...RESULTS, problems: { listed: [], errors: 0, warnings: 0 }, notice: why } });
    await page.selectOption('#model', 'u_shaped');
    await run(sidebar);
    await page.locator('#notice.warning').waitFor();
    expect(await page.textContent('#notice')).toBe(`The figures of Summer sale are ready. ${why}`);
  });

  test('no campaign yet: the campaign list says where to create one, not that no name matches', async () => {
    const { page } = await campaignPage(ready({ getSidebarState: { value: { ...STATE, campaigns: [], assets: [] } } }));
    expect(await page.textContent('#campaign-none')).toBe('The Campaigns sheet has no campaign yet. Create one under "Manage campaigns".');
    expect(await page.locator('#campaign-none').isVisible()).toBe(true);
  });

  test('housekeeping writes a row only after the user confirms the row shown', async () => {
    const sidebar = await askToCreateWinter();
    const { page } = sidebar;
    expect(await page.textContent('#confirm-question')).toBe(plan.message);
    expect(await page.locator('#confirm-cells tr').allTextContents()).toEqual(['campaign_idC4', 'nameWinter']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-yes');
    await page.click('#confirm-no');
    expect((await sidebar.calls('changeCampaign')).map((c) => c.args[1])).toEqual([false]);

    await page.click('#create-campaign button');
    await page.locator('#confirm').waitFor({ state: 'visible' });
    await sidebar.answer('changeCampaign', { value: { ...plan, status: 'done', message: 'Campaign "Winter" created, with utm_campaign winter.' } });
    await page.click('#confirm-yes');
    await page.locator('#notice.done').waitFor();
    // The confirmation sends back the row shown: the server writes only that row.
    const shown = { sheet: 'Campaigns', row: 5, cells: plan.cells };
    expect((await sidebar.calls('changeCampaign')).map((c) => c.args)).toEqual([
      [{ kind: 'create_campaign', name: 'Winter' }, false],
      [{ kind: 'create_campaign', name: 'Winter' }, false],
      [{ kind: 'create_campaign', name: 'Winter' }, true, shown],
    ]);
  });

  test('a campaign just created is selected even when the search typed before does not match it', async () => {
    const sidebar = await askToCreateWinter();
    const { page } = sidebar;
    await page.click('#confirm-no');
    await page.fill('#campaign-search', 'spr');
    await sidebar.answer('getSidebarState', { value: { ...STATE, campaigns: [...STATE.campaigns, { id: 'C4', name: 'Winter', utm: 'winter' }] } });
    await sidebar.answer('changeCampaign', { value: { ...plan, status: 'done', message: 'Campaign "Winter" created, with utm_campaign winter.' } });
    await page.click('#create-campaign button');
    await page.locator('#confirm').waitFor({ state: 'visible' });
    await page.click('#confirm-yes');
    await page.locator('#notice.done').waitFor();
    await page.waitForFunction(() => (document.getElementById('campaign') as HTMLSelectElement).value === 'C4');
    expect(await page.inputValue('#campaign-search')).toBe('');
  });

  test('housekeeping asks again when the data changed between the question and the confirmation', async () => {
    const changed = {
      ...plan, row: 6, message: 'The sheet changed in the meantime, so nothing was written. Add this row to Campaigns?',
      cells: [{ column: 'campaign_id', value: 'C5' }, { column: 'name', value: 'Winter' }],
    };
    const sidebar = await askToCreateWinter();
    const { page } = sidebar;
    await sidebar.answer('changeCampaign', { value: changed });
    await page.click('#confirm-yes');
    // Not done: the new row is shown for confirmation.
    await page.locator('#confirm-cells', { hasText: 'C5' }).waitFor();
    expect(await page.textContent('#confirm-question')).toBe(changed.message);
    expect(await page.locator('#confirm-cells tr').allTextContents()).toEqual(['campaign_idC5', 'nameWinter']);
    expect(await page.locator('#notice.done').count()).toBe(0);
    await sidebar.answer('changeCampaign', { value: { ...changed, status: 'done', message: 'Campaign "Winter" created, with utm_campaign winter.' } });
    await page.click('#confirm-yes');
    await page.locator('#notice.done').waitFor();
    expect(await page.textContent('#notice')).toBe('Campaign "Winter" created, with utm_campaign winter.');
    const request = { kind: 'create_campaign', name: 'Winter' };
    expect((await sidebar.calls('changeCampaign')).map((c) => c.args)).toEqual([
      [request, false],
      [request, true, { sheet: 'Campaigns', row: 5, cells: plan.cells }],
      [request, true, { sheet: 'Campaigns', row: 6, cells: changed.cells }],
    ]);
  });

  test('Export…, Save chart to dashboard and Share… call the report\'s export, dashboard and sharing functions', async () => {
    const sections = [
      { table: 'overview', sheet: 'Overview', chart: true, personalData: false },
      { table: 'drill_down', sheet: 'Revenue drill-down', chart: false, personalData: true },
    ];
    const sidebar = await campaignPage(ready({
      listReportSections: { value: sections },
      exportReport: { value: { message: 'Saved report.pdf to your Drive: https://drive.example/report\nE-mailed report.pdf to you.', fileName: 'report.pdf', fileUrl: 'https://drive.example/report', emailedTo: null, tables: ['overview'] } },
      listDashboards: { value: [{ sheetId: 7, name: 'Team dashboard', tables: [] }] },
      saveChartToDashboard: { value: { added: true, dashboardSheetId: 7, dashboard: 'Team dashboard', message: 'The chart is now on the dashboard.' } },
      shareReport: { value: { shared: false, needsConfirmation: true, message: 'These sheets list contacts.', url: null, emails: [] } },
    }));
    const { page } = sidebar;
    await run(sidebar);

    await openPanel(page, 'export');
    // In the catalogue's words (the sheet names are in the language the report was last written in).
    expect(await page.locator('#export-sections label').allTextContents()).toEqual(['Overview', 'Revenue drill-down: every credited interaction']);
    await page.selectOption('#export-format', 'xlsx');
    await page.check('#export-sections-overview');
    await page.check('#export-email');
    await page.click('#export-panel button[type=submit]');
    await page.locator('#notice.done a').waitFor();
    // The campaign, dates and the rest as on screen go with it: the export is of what the user sees.
    expect((await sidebar.calls('exportReport'))[0].args).toEqual([{
      format: 'xlsx', tables: ['overview'], model: 'u_shaped', drive: true, email: true,
      // A preset's days are worked out afresh by the server.
      options: { ...STATE.options, from: null, to: null },
    }]);
    expect(await page.getAttribute('#notice a', 'href')).toBe('https://drive.example/report');
    // Each line of the message is a sentence of its own; the file's link stands where its address was, once.
    expect(await page.locator('#notice p').allTextContents()).toEqual(['Saved report.pdf to your Drive: report.pdf', 'E-mailed report.pdf to you.']);
    expect(await page.locator('#notice p').first().locator('a').textContent()).toBe('report.pdf');
    // The outcome is in view, far above the panel (closed now), and the focus went back to the button that opened it.
    expect((await boxOf(sidebar, '#notice')).inView).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-open');

    await openPanel(page, 'dashboard');
    // Only the sections with a chart, in the catalogue's words.
    expect(await page.locator('#dashboard-chart option').allTextContents()).toEqual(['Overview']);
    await page.click('#dashboard-panel button[type=submit]');
    await page.locator('#notice.done').waitFor();
    expect((await sidebar.calls('saveChartToDashboard'))[0].args).toEqual([{ table: 'overview', dashboard: { sheetId: 7 } }]);

    await openPanel(page, 'share');
    expect(await page.locator('#share-sections label').allTextContents()).toEqual(['Overview', 'Revenue drill-down: every credited interaction (lists contacts)']);
    await page.check('#share-sections-drill_down');
    await page.fill('#share-emails', 'ann@example.com');
    await page.click('#share-panel button[type=submit]');
    // Personal data: shared only once the user confirms.
    await page.locator('#confirm').waitFor({ state: 'visible' });
    expect(await page.textContent('#confirm-question')).toBe('These sheets list contacts.');
    await sidebar.answer('shareReport', { value: { shared: true, needsConfirmation: false, message: 'Shared a copy with ann@example.com.', url: 'https://docs.example/copy', emails: ['ann@example.com'] } });
    await page.click('#confirm-yes');
    await page.locator('#notice.done a').waitFor();
    // A message without the address: the link follows it.
    expect(await page.textContent('#notice')).toBe('Shared a copy with ann@example.com. Open the shared copy');
    expect((await sidebar.calls('shareReport')).map((c) => c.args[0])).toEqual([
      { tables: ['drill_down'], emails: ['ann@example.com'], role: 'viewer', confirmPersonalData: false },
      { tables: ['drill_down'], emails: ['ann@example.com'], role: 'viewer', confirmPersonalData: true },
    ]);
  });

  /** Where an element is on the page, and whether all of it is in the viewport. */
  const boxOf = (sidebar: Sidebar, selector: string) => sidebar.page.locator(selector).evaluate((node) => {
    const r = node.getBoundingClientRect();
    // Within a pixel: scrolling lands on whole pixels, a box's edges need not.
    return { x: r.x, y: r.y, width: r.width, height: r.height, inView: r.top >= -1 && r.bottom <= window.innerHeight + 1 };
  });

  test('asset names wrap between words at 300 px, not a letter a line; a wider table scrolls sideways', async () => {
    const long = { ...RESULTS.sections[0], rows: [['A1', 'Summer landing page for the autumn newsletter', 1234567, 98765]] };
    const sidebar = await campaignPage(ready({ runSidebar: { value: { ...RESULTS, sections: [long] } } }));
    await run(sidebar);
    const name = await boxOf(sidebar, 'details.section tbody th');
    const lineHeight = await sidebar.page.locator('details.section tbody th').evaluate((node) => parseFloat(getComputedStyle(node).lineHeight) || 16);
    // At least 9em (12 px type): whole words a line, so a few lines, not dozens.
    expect(name.width).toBeGreaterThanOrEqual(100);
    expect(name.height / lineHeight).toBeLessThanOrEqual(5);
    expect(await sidebar.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    // The table, and the box it scrolls in, are named by their section for a screen reader.
    const title = RESULTS.sections[0].title;
    expect(await sidebar.page.getByRole('table', { name: title }).count()).toBe(1);
    expect(await sidebar.page.getByRole('region', { name: title }).count()).toBe(1);
    // A table that scrolls shows it: a shadow at the edge it goes on past (covered where the table ends).
    expect(await sidebar.page.locator('details.section .table-wrap').evaluate((node) => getComputedStyle(node).backgroundImage))
      .toContain('radial-gradient');
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await sidebar.page.locator('#sections').screenshot({ path: join(ROOT, 'test-output', 'sidebar-assets.png') });
  });

  test('many problems: the server lists the first ones; the summary counts all, and a line says how many more', async () => {
    const problems = { ...RESULTS.problems, errors: 250, warnings: 2 };
    const sidebar = await campaignPage(ready({ runSidebar: { value: { ...RESULTS, problems } } }));
    await run(sidebar);
    expect(await sidebar.page.textContent('#problems summary')).toBe('Problems in the data · errors (rows left out): 250, warnings: 2');
    expect(await sidebar.page.locator('#problems li').count()).toBe(1);
    // 252 problems, 1 listed.
    expect(await sidebar.page.textContent('#problems p')).toBe('…and 251 more problems: the errors come first; fix these and check again.');
  });

  test('a goal beaten fills the bar: aria-valuenow stays within 0–100, the real share is in its text', async () => {
    const sidebar = await campaignPage();
    await run(sidebar);
    // 12 new contacts of a goal of 10: 120%.
    const bar = sidebar.page.locator('.kpi[data-kpi="new_contacts"] [role=progressbar]');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    expect(await bar.getAttribute('aria-valuetext')).toBe('120% of the goal of 10');
    expect(await bar.getAttribute('aria-label')).toBe('120% of the goal of 10');
  });

  const sections = [
    { table: 'overview', sheet: 'Overview', chart: true, personalData: false },
    { table: 'revenue_attribution', sheet: 'Revenue attribution', chart: true, personalData: false },
    { table: 'over_time', sheet: 'Contacts and sessions over time', chart: true, personalData: false },
    { table: 'assets_email', sheet: 'Assets: Emails', chart: true, personalData: false },
    { table: 'drill_down', sheet: 'Revenue drill-down', chart: false, personalData: true },
  ];

  test('the Export panel: "My Drive" and "My e-mail" sit beside their boxes', async () => {
    const sidebar = await campaignPage(ready({ listReportSections: { value: sections } }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'export');
    for (const id of ['export-drive', 'export-email', 'export-sections-overview']) {
      const box = await boxOf(sidebar, `#${id}`);
      const label = await boxOf(sidebar, `label[for=${id}]`);
      // On the box's line, to its right.
      expect(label.x).toBeGreaterThan(box.x + box.width - 1);
      expect(Math.abs((label.y + label.height / 2) - (box.y + box.height / 2))).toBeLessThan(6);
    }
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.locator('#export-panel').screenshot({ path: join(ROOT, 'test-output', 'sidebar-export.png') });
  });

  test('Save chart to dashboard: any report chart, picked by its name in the catalogue\'s words; the sidebar\'s own chart first', async () => {
    const sidebar = await campaignPage(ready({
      listReportSections: { value: sections },
      listDashboards: { value: [] },
      saveChartToDashboard: { value: { added: true, dashboardSheetId: 9, dashboard: 'Dashboard', message: 'The chart is now on the dashboard.' } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'dashboard');
    expect(await page.locator('#dashboard-chart option').allTextContents()).toEqual([
      'Overview', 'Revenue attribution', 'Contacts and sessions over time', 'Assets: Emails',
    ]);
    expect(await page.inputValue('#dashboard-chart')).toBe('over_time');
    await page.selectOption('#dashboard-chart', 'revenue_attribution');
    expect(await page.inputValue('#dashboard-name')).toBe('Dashboard');
    await page.click('#dashboard-panel button[type=submit]');
    await page.locator('#notice.done').waitFor();
    expect((await sidebar.calls('saveChartToDashboard'))[0].args).toEqual([{ table: 'revenue_attribution', dashboard: { name: 'Dashboard' } }]);
  });

  test('report sheets without charts: the dashboard panel says so and stays shut', async () => {
    const sidebar = await campaignPage(ready({ listReportSections: { value: [sections[4]] }, listDashboards: { value: [] } }));
    const { page } = sidebar;
    await run(sidebar);
    await page.click('#dashboard-open');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice')).toBe('The report sheets have no charts yet. Choose "Write report sheets" first.');
    expect(await page.locator('#dashboard-panel').isHidden()).toBe(true);
  });

  /** Shares the drill-down with ann@example.com, which lists contacts: the server asks first; the focus is on Yes. */
  async function askToSharePersonalData(): Promise<Sidebar> {
    const sidebar = await campaignPage(ready({
      listReportSections: { value: sections },
      shareReport: { value: {
        shared: false, needsConfirmation: true, message: 'These sheets list contacts.', personalSheets: ['Revenue drill-down'], url: null, emails: [],
      } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'share');
    await page.check('#share-sections-drill_down');
    await page.fill('#share-emails', 'ann@example.com');
    await page.click('#share-panel button[type=submit]');
    await page.locator('#confirm').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.activeElement?.id === 'confirm-yes');
    return sidebar;
  }

  test('the confirmation asked while the server works gets the focus on Yes, in view, once the work ends', async () => {
    const sidebar = await askToSharePersonalData();
    const { page } = sidebar;
    expect(await page.isEnabled('#confirm-yes')).toBe(true);
    expect(await page.textContent('#confirm-yes')).toBe('Share them');
    expect((await boxOf(sidebar, '#confirm')).inView).toBe(true);
  });

  test('housekeeping asked again while writing: the new question gets the focus too', async () => {
    const sidebar = await askToCreateWinter();
    const { page } = sidebar;
    await sidebar.answer('changeCampaign', { value: {
      ...plan, row: 6, message: 'The sheet changed in the meantime, so nothing was written. Add this row to Campaigns?', cells: [{ column: 'campaign_id', value: 'C5' }],
    } });
    await page.click('#confirm-yes');
    await page.locator('#confirm-cells', { hasText: 'C5' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'confirm-yes');
    expect((await boxOf(sidebar, '#confirm')).inView).toBe(true);
  });

  test('switching the language fills an open panel again in the new language, keeping what the user chose', async () => {
    const dutchState = {
      ...STATE, language: 'nl', languageChoice: 'nl',
      models: STATE.models.map((m) => (m.id === 'u_shaped' ? { ...m, name: 'U-vormig' } : m)),
    };
    const sidebar = await campaignPage(ready({
      saveSidebarLanguage: { value: dutchState }, listReportSections: { value: sections }, listDashboards: { value: [] },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'export');
    await page.selectOption('#export-model', 'u_shaped');
    await page.check('#export-sections-overview');
    await page.selectOption('#language', 'nl');
    await page.locator('#export-model option[value=u_shaped]', { hasText: 'U-vormig' }).waitFor({ state: 'attached' });
    expect(await page.locator('#export-panel').isVisible()).toBe(true);
    expect(await page.textContent('#export-title')).toBe('Het rapport exporteren');
    expect(await page.textContent('label[for=export-drive]')).toBe('Mijn Drive');
    expect(await page.inputValue('#export-model')).toBe('u_shaped');
    expect(await page.isChecked('#export-sections-overview')).toBe(true);
    expect(await page.locator('#export-sections label').allTextContents()).toEqual([
      'Overzicht', 'Inkomstenattributie', 'Contacten en sessies in de tijd', 'Assets: E-mails', 'Inkomstendetails: elke interactie met een aandeel',
    ]);

    await openPanel(page, 'dashboard');
    expect(await page.locator('#dashboard-chart option').allTextContents()).toEqual([
      'Overzicht', 'Inkomstenattributie', 'Contacten en sessies in de tijd', 'Assets: E-mails',
    ]);
    await sidebar.answer('saveSidebarLanguage', { value: STATE });
    await page.selectOption('#dashboard-chart', 'assets_email');
    await page.selectOption('#language', 'en');
    await page.locator('#dashboard-chart option', { hasText: 'Overview' }).waitFor({ state: 'attached' });
    expect(await page.inputValue('#dashboard-chart')).toBe('assets_email');
    expect(await page.textContent('#dashboard-target option')).toBe('New dashboard…');
    // The name offered follows the language; the user had not typed one of their own.
    expect(await page.inputValue('#dashboard-name')).toBe('Dashboard');
  });

  test('Escape closes a panel and the focus goes back to the button that opened it, also after the panel\'s work', async () => {
    const sidebar = await campaignPage(ready({
      listReportSections: { value: sections },
      exportReport: { value: { message: 'Saved report.csv to your Drive.', fileName: 'report.csv', fileUrl: null, emailedTo: null, tables: ['overview'] } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'export');
    await page.waitForFunction(() => document.getElementById('export-panel')!.contains(document.activeElement));
    await page.keyboard.press('Escape');
    expect(await page.locator('#export-panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-open');

    await page.keyboard.press('Enter');
    await page.locator('#export-panel').waitFor({ state: 'visible' });
    await page.click('#export-panel button[type=submit]');
    await page.locator('#notice.done').waitFor();
    // The panel's button is gone with the panel: the focus goes to Export…, not to the top of the page.
    await page.waitForFunction(() => document.activeElement?.id === 'export-open');
    expect(await page.locator('#export-panel').isHidden()).toBe(true);

    // The tracking-URL panel opens without server work; Escape there too.
    await page.click('#tracking-open');
    await page.keyboard.press('Escape');
    expect(await page.locator('#tracking-panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tracking-open');
  });

  test('cancelling the question about personal data puts the focus back on Share, and Escape then closes the panel', async () => {
    const { page } = await askToSharePersonalData();
    await page.keyboard.press('Escape');
    expect(await page.locator('#confirm').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.matches('#share-panel button[type=submit]'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#share-panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('share-open');
  });

  test('Schedule…: the schedule as it is, set up weekly or daily for the user or others, and stopped', async () => {
    const none = { done: false, message: 'This spreadsheet has no scheduled report.', schedule: null };
    const weekly = {
      done: true, message: 'Every Tuesday at about 09:00 (Europe/Amsterdam) the report is refreshed and a digest e-mailed to ann@example.com, bob@example.com.',
      schedule: {
        owner: 'me@example.com', frequency: 'weekly', weekday: 'TUESDAY', hour: 9, timeZone: 'Europe/Amsterdam',
        recipients: ['ann@example.com', 'bob@example.com'], triggerId: 't1',
      },
    };
    const sidebar = await campaignPage(ready({
      getScheduledReport: { value: none },
      scheduleReport: { value: weekly },
      unscheduleReport: { value: { done: true, message: 'The scheduled report is stopped.', schedule: null } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'schedule');
    expect(await page.textContent('#schedule-current')).toBe('This spreadsheet has no scheduled report.');
    expect(await page.locator('#schedule-remove').isHidden()).toBe(true);
    // The server's defaults: weekly, Monday, 07:00, to the user (no one named).
    expect(await page.isChecked('#schedule-weekly')).toBe(true);
    expect(await page.inputValue('#schedule-weekday')).toBe('MONDAY');
    expect(await page.inputValue('#schedule-hour')).toBe('7');
    expect(await page.inputValue('#schedule-recipients')).toBe('');
    expect(await page.textContent('#schedule-recipients-help')).toBe('Leave empty to send it to yourself.');
    expect(await page.locator('#schedule-weekday option').first().textContent()).toBe('Monday');
    expect(await page.locator('#schedule-hour option').nth(9).textContent()).toBe('09:00');
    // Labels beside their radio buttons.
    const radio = await boxOf(sidebar, '#schedule-daily');
    const label = await boxOf(sidebar, 'label[for=schedule-daily]');
    expect(Math.abs((label.y + label.height / 2) - (radio.y + radio.height / 2))).toBeLessThan(6);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.locator('#schedule-panel').screenshot({ path: join(ROOT, 'test-output', 'sidebar-schedule.png') });

    // Daily: no weekday to choose; nobody named: the user.
    await page.check('#schedule-daily');
    expect(await page.locator('#schedule-weekday').isHidden()).toBe(true);
    await page.selectOption('#schedule-hour', '6');
    await page.click('#schedule-panel button[type=submit]');
    await page.locator('#notice.done').waitFor();
    expect(await page.textContent('#notice')).toBe(weekly.message);

    await sidebar.answer('getScheduledReport', { value: weekly });
    await openPanel(page, 'schedule');
    expect(await page.textContent('#schedule-current')).toBe(weekly.message);
    expect(await page.inputValue('#schedule-weekday')).toBe('TUESDAY');
    expect(await page.inputValue('#schedule-hour')).toBe('9');
    expect(await page.inputValue('#schedule-recipients')).toBe('ann@example.com, bob@example.com');
    await page.selectOption('#schedule-weekday', 'FRIDAY');
    await page.fill('#schedule-recipients', 'ann@example.com; carl@example.com');
    await page.click('#schedule-panel button[type=submit]');
    await page.locator('#notice.done').waitFor();
    expect((await sidebar.calls('scheduleReport')).map((c) => c.args[0])).toEqual([
      { frequency: 'daily', weekday: null, hour: 6, recipients: null },
      { frequency: 'weekly', weekday: 'FRIDAY', hour: 9, recipients: ['ann@example.com; carl@example.com'] },
    ]);

    await page.click('#schedule-open');
    await page.locator('#schedule-remove').waitFor({ state: 'visible' });
    await page.click('#schedule-remove');
    await page.locator('#notice.done', { hasText: 'stopped' }).waitFor();
    expect(await page.textContent('#notice')).toBe('The scheduled report is stopped.');
    expect(await sidebar.calls('unscheduleReport')).toHaveLength(1);
    expect(await page.locator('#schedule-panel').isHidden()).toBe(true);
  });

  test('a schedule the server refuses shows its message', async () => {
    const sidebar = await campaignPage(ready({
      getScheduledReport: { value: { done: false, message: 'This spreadsheet has no scheduled report.', schedule: null } },
      scheduleReport: { error: 'This spreadsheet already has a scheduled report, set up by ann@example.com.' },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'schedule');
    await page.click('#schedule-panel button[type=submit]');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice')).toBe('That did not work: This spreadsheet already has a scheduled report, set up by ann@example.com.');
    expect(await page.locator('#schedule-panel').isVisible()).toBe(true);
  });

  test('looks like a native add-on: screenshot for review', async () => {
    const sidebar = await campaignPage();
    await run(sidebar);
    const folder = join(ROOT, 'test-output');
    mkdirSync(folder, { recursive: true });
    await sidebar.page.screenshot({ path: join(folder, 'sidebar.png'), fullPage: true });
    // Arial 13px as Google's add-on CSS sets it; Run is the blue primary action.
    const style = await sidebar.page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return { font: `${body.fontSize} ${body.fontFamily}`, run: getComputedStyle(document.getElementById('run')!).backgroundImage };
    });
    expect(style.font).toBe('13px Arial, sans-serif');
    expect(style.run).toContain('rgb(25, 103, 210)');
  });

  // --- What a 300 px audit in English and Dutch found ---

  /** Written for Spring launch (C1) with Linear, January to March: not the choices on screen (Summer sale, U-shaped, the last 30 days). */
  const STALE = { campaignIds: ['C1'], model: 'linear', from: '2024-01-01', to: '2024-03-31', current: false };
  const NO_SCHEDULE = { done: false, message: 'This spreadsheet has no scheduled report.', schedule: null };
  const DUTCH = { ...STATE, language: 'nl', languageChoice: 'nl' };
  /** The options on screen as sent: a preset's days are the server's to work out. */
  const ON_SCREEN = { ...STATE.options, from: null, to: null };

  /** A panel's lines about the report sheets, its button to write them, and whether its own action is on offer. */
  const writtenIn = async (page: Page, panel: string) => ({
    lines: await page.locator(`#${panel} [data-written] p`).allTextContents(),
    write: await page.locator(`#${panel} [data-written] button`).allTextContents(),
    action: await page.locator(`#${panel} button[type=submit]`).isVisible(),
  });

  test('Share…, Save chart to dashboard and Schedule… say which report the sheets hold; sheets of other choices are written first', async () => {
    const sidebar = await campaignPage(ready({
      getWrittenReport: { value: STALE }, listReportSections: { value: sections }, listDashboards: { value: [] },
      getScheduledReport: { value: NO_SCHEDULE },
      writeReportFromSidebar: { value: { done: true, title: 'Campaign report', message: 'Report written to 12 sheets (0 new, 12 updated).', problems: [] } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    const stale = {
      lines: [
        'The report sheets hold Spring launch · Linear · 2024-01-01 to 2024-03-31.',
        'The choices on screen are not those of this report. Write the report sheets for them first.',
      ],
      write: ['Write report sheets'],
      action: false,
    };
    for (const panel of ['share', 'dashboard', 'schedule']) {
      await page.click(`#${panel}-open`);
      await page.locator(`#${panel}-panel`).waitFor({ state: 'visible' });
      expect(await writtenIn(page, `${panel}-panel`)).toEqual(stale);
    }
    expect((await sidebar.calls('getWrittenReport')).map((c) => c.args)).toEqual([[ON_SCREEN], [ON_SCREEN], [ON_SCREEN]]);

    // Written from the panel for the choices on screen: the panel stays, now says so, and its own action is next.
    await sidebar.answer('getWrittenReport', { value: WRITTEN });
    await page.click('#schedule-panel [data-written] button');
    await page.locator('#notice.done').waitFor();
    expect((await sidebar.calls('writeReportFromSidebar')).map((c) => c.args)).toEqual([[ON_SCREEN]]);
    expect(await page.textContent('#notice')).toBe('Report written to 12 sheets (0 new, 12 updated).');
    await page.waitForFunction(() => document.activeElement?.matches('#schedule-panel button[type=submit]'));
    expect(await writtenIn(page, 'schedule-panel')).toEqual({
      lines: ['The report sheets hold Summer sale · U-shaped · 2024-04-16 to 2024-05-15.'], write: [], action: true,
    });
  });

  test('in Dutch at 300 px: no report sheets yet, then sheets of other choices, each with the way forward', async () => {
    const sidebar = await campaignPage(ready({
      getSidebarState: { value: DUTCH }, getWrittenReport: { value: null }, getScheduledReport: { value: NO_SCHEDULE }, listReportSections: { value: sections },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'schedule');
    expect(await writtenIn(page, 'schedule-panel')).toEqual({
      lines: ['Er zijn nog geen rapportbladen. Kies eerst "Rapportbladen schrijven".'], write: ['Rapportbladen schrijven'], action: false,
    });
    // Stopping a schedule needs no report: that stays on offer once there is one (here there is none).
    expect(await page.locator('#schedule-remove').isHidden()).toBe(true);
    await sidebar.answer('getWrittenReport', { value: STALE });
    await openPanel(page, 'share');
    expect(await writtenIn(page, 'share-panel')).toEqual({
      lines: [
        'De rapportbladen bevatten Spring launch · Linear · 2024-01-01 t/m 2024-03-31.',
        'De keuzes op het scherm zijn niet die van dit rapport. Schrijf eerst de rapportbladen voor die keuzes.',
      ],
      write: ['Rapportbladen schrijven'],
      action: false,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('what the user entered in a panel stays when another panel opens, and when it opens again', async () => {
    const sidebar = await campaignPage(ready({ getScheduledReport: { value: NO_SCHEDULE }, listReportSections: { value: sections } }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'schedule');
    await page.check('#schedule-daily');
    await page.selectOption('#schedule-hour', '9');
    await page.fill('#schedule-recipients', 'ann@example.com');
    await openPanel(page, 'export');
    expect(await page.locator('#schedule-panel').isHidden()).toBe(true);
    // The export's model is the one on screen until the user picks another.
    expect(await page.inputValue('#export-model')).toBe('u_shaped');
    await page.selectOption('#export-model', 'markov');
    await page.check('#export-sections-overview');

    await openPanel(page, 'schedule');
    expect(await page.isChecked('#schedule-daily')).toBe(true);
    expect(await page.locator('#schedule-weekday').isHidden()).toBe(true);
    expect(await page.inputValue('#schedule-hour')).toBe('9');
    expect(await page.inputValue('#schedule-recipients')).toBe('ann@example.com');
    await openPanel(page, 'export');
    expect(await page.inputValue('#export-model')).toBe('markov');
    expect(await page.isChecked('#export-sections-overview')).toBe(true);
  });

  test('a new name typed for the campaign stays through a change of language; another campaign shows its own name', async () => {
    const sidebar = await campaignPage(ready({ saveSidebarLanguage: { value: DUTCH } }));
    const { page } = sidebar;
    await page.click('#housekeeping > summary');
    expect(await page.inputValue('#rename-campaign-name')).toBe('Summer sale');
    await page.fill('#rename-campaign-name', 'Summer sale 2024');
    await page.selectOption('#language', 'nl');
    await page.locator('#run', { hasText: 'Uitvoeren' }).waitFor();
    await page.waitForFunction(() => document.getElementById('results')!.getAttribute('aria-busy') === 'false');
    expect(await page.inputValue('#rename-campaign-name')).toBe('Summer sale 2024');
    await page.selectOption('#campaign', 'C3');
    expect(await page.inputValue('#rename-campaign-name')).toBe('Autumn webinar');
  });

  test('while a run computes, its choices and the actions beside the results wait: none is dropped or does nothing', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await run(sidebar);
    await sidebar.answer('runSidebar', { value: RESULTS, hold: true });
    await page.click('#run');
    await page.locator('#progress').waitFor({ state: 'visible' });
    const waiting = [
      '#campaign-search', '#campaign', '#model', '#touch-first', '#touch-last', '#range', '#from', '#to', '#frequency-daily', '#frequency-monthly',
      '#channels', '#markov-order', '#export-open', '#dashboard-open', '#share-open', '#schedule-open', '#open-mapping',
    ];
    const disabled = () => page.evaluate((selectors) => selectors.filter((selector) => document.querySelector(selector)!.matches(':disabled')), waiting);
    expect(await disabled()).toEqual(waiting);
    await sidebar.release('runSidebar');
    await page.waitForFunction(() => document.getElementById('results')!.getAttribute('aria-busy') === 'false');
    expect(await disabled()).toEqual([]);
    expect(await page.locator('#results').isVisible()).toBe(true);
  });

  test('getting started: "Point to my sheets and columns" waits while the data sheets are created', async () => {
    const sidebar = await harness.open({
      getSidebarState: { value: { ...STATE, campaigns: [], assets: [], setup: EMPTY } },
      createDataSheets: { value: { message: 'Created the sheets Campaigns, Assets, Visits, Deals.', status: EMPTY }, hold: true },
    });
    const { page } = sidebar;
    await page.locator('#getting-started').waitFor({ state: 'visible' });
    await page.click('#setup-create');
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(await page.isDisabled('#setup-map')).toBe(true);
    await sidebar.release('createDataSheets');
    await page.locator('#notice.done').waitFor();
    expect(await page.isEnabled('#setup-map')).toBe(true);
  });

  test('a failed first load offers to try again', async () => {
    const sidebar = await harness.open(ready({ getSidebarState: { error: 'Service Spreadsheets timed out.' } }));
    const { page } = sidebar;
    await page.locator('#notice[role=alert] button').waitFor();
    expect(await page.textContent('#notice p')).toBe('That did not work: Service Spreadsheets timed out.');
    expect(await page.textContent('#notice button')).toBe('Try again');
    expect(await page.locator('#campaign-page').isHidden()).toBe(true);
    // The same failure again: offered again.
    await page.click('#notice button');
    await page.locator('#notice[role=alert] button').waitFor();
    expect(await sidebar.calls('getSidebarState')).toHaveLength(2);
    await sidebar.answer('getSidebarState', { value: STATE });
    await page.click('#notice button');
    await page.locator('#campaign-page').waitFor({ state: 'visible' });
    expect(await page.inputValue('#campaign')).toBe('C2');
    expect(await page.locator('#notice').isHidden()).toBe(true);
  });

  test('after a failed first load, switching the language shows the sidebar in that language', async () => {
    const sidebar = await harness.open(ready({ getSidebarState: { error: 'Service Spreadsheets timed out.' }, saveSidebarLanguage: { value: DUTCH } }));
    const { page } = sidebar;
    await page.locator('#notice[role=alert] button').waitFor();
    await page.selectOption('#language', 'nl');
    await page.locator('#campaign-page').waitFor({ state: 'visible' });
    expect(await page.textContent('#run')).toBe('Uitvoeren');
    expect(await page.inputValue('#campaign')).toBe('C2');
    expect(await page.inputValue('#model')).toBe('u_shaped');
    expect(await page.inputValue('#language')).toBe('nl');
  });

  test('a row holding a long URL stays within 300 px; its question is asked in Dutch when the language changes while it is open', async () => {
    // No hyphen or space to break at: only breaking anywhere keeps the cell within the panel.
    const url = 'https://example.com/landing?utm_campaign=summer_sale_2024&utm_source=newsletter_weekly_digest&utm_content=variant_b';
    const cells = [
      { column: 'asset_id', value: 'A7' }, { column: 'campaign_id', value: 'C2' }, { column: 'type', value: 'tracking_url' }, { column: 'url', value: url },
    ];
    const english = { status: 'confirm', sheet: 'Assets', row: 3, cells, message: 'Add this row to Assets, linking the asset to "Summer sale" from now on?' };
    const dutch = { ...english, message: 'Deze rij toevoegen aan Assets, zodat de asset vanaf nu aan "Summer sale" gekoppeld is?' };
    const sidebar = await campaignPage(ready({ changeCampaign: { value: english }, saveSidebarLanguage: { value: DUTCH } }));
    const { page } = sidebar;
    await page.click('#housekeeping > summary');
    await page.fill('#link-asset-id', 'A7');
    await page.selectOption('#link-asset-type', 'tracking_url');
    await page.fill('#link-asset-url', url);
    await page.click('#link-asset button');
    await page.locator('#confirm').waitFor({ state: 'visible' });
    expect(await page.textContent('#confirm-question')).toBe(english.message);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    expect(await page.locator('#confirm-cells').evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true);

    await sidebar.answer('changeCampaign', { value: dutch });
    await page.selectOption('#language', 'nl');
    await page.locator('#confirm-question', { hasText: 'Deze rij toevoegen' }).waitFor();
    expect(await page.textContent('#confirm-question')).toBe(dutch.message);
    expect(await page.textContent('#confirm-yes')).toBe('Rij schrijven');
    expect(await page.locator('#confirm').isVisible()).toBe(true);
    // Confirmed, the row the server described last is the one it writes.
    await sidebar.answer('changeCampaign', { value: { ...dutch, status: 'done', message: 'De asset A7 is gekoppeld aan "Summer sale".' } });
    await page.click('#confirm-yes');
    await page.locator('#notice.done').waitFor();
    const request = { kind: 'link_asset', campaignId: 'C2', assetId: 'A7', type: 'tracking_url', name: '', url };
    expect((await sidebar.calls('changeCampaign')).map((c) => c.args)).toEqual([
      [request, false], [request, false], [request, true, { sheet: 'Assets', row: 3, cells }],
    ]);
  });

  test('the question about sharing personal data is asked in Dutch when the language changes while it is open', async () => {
    const sidebar = await askToSharePersonalData();
    const { page } = sidebar;
    await sidebar.answer('saveSidebarLanguage', { value: DUTCH });
    await page.selectOption('#language', 'nl');
    // The catalogue's Dutch, naming the sheet the server named.
    await page.locator('#confirm-question', { hasText: 'Deze bladen' }).waitFor();
    expect(await page.textContent('#confirm-question')).toBe(
      'Deze bladen bevatten contactpersonen, en dat zijn persoonsgegevens: Revenue drill-down. Deel ze alleen met mensen die ze mogen zien. Bevestig om ze te delen.',
    );
    expect(await page.textContent('#confirm-yes')).toBe('Ze delen');
  });

  test('a custom range keeps to the days the add-on reads: the date pickers offer no others, and a typed one is refused with the reason', async () => {
    const sidebar = await campaignPage();
    const { page } = sidebar;
    await page.selectOption('#range', 'custom');
    for (const id of ['#from', '#to']) {
      expect(await page.getAttribute(id, 'min')).toBe('1900-01-01');
      expect(await page.getAttribute(id, 'max')).toBe('2099-12-31');
    }
    const saves = (await sidebar.calls('saveSidebarChoices')).length;
    await page.fill('#from', '0900-01-01');
    await page.locator('#from').dispatchEvent('change');
    expect(await page.textContent('#range-help')).toBe('A range can use the days from 1900-01-01 to 2099-12-31, not 0900-01-01.');
    expect(await page.getAttribute('#range-help', 'class')).toContain('error');
    expect(await sidebar.calls('saveSidebarChoices')).toHaveLength(saves);
  });

  /** WCAG 2's contrast ratio of two colours as CSS computes them ("rgb(r, g, b)"). */
  function contrast(a: string, b: string): number {
    const luminance = (colour: string) => {
      const [r, g, bl] = colour.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }

  test('text and buttons meet WCAG AA: a contrast of at least 4.5:1', async () => {
    const WHITE = 'rgb(255, 255, 255)';
    // The ratio as the audit measured it: #777 on white, 4.48:1.
    expect(contrast('rgb(119, 119, 119)', WHITE)).toBeCloseTo(4.48, 2);
    const sidebar = await campaignPage();
    const { page } = sidebar;
    // An inverted range: its line turns into an error.
    await page.selectOption('#range', 'custom');
    await page.fill('#from', '2024-05-10');
    await page.fill('#to', '2024-05-01');
    await page.locator('#to').dispatchEvent('change');
    await page.locator('#range-help.error').waitFor();
    // Text on the page's white; a button's text against each colour of its gradient.
    const worst = async (selector: string) => page.locator(selector).evaluate((node) => {
      const style = getComputedStyle(node);
      return { color: style.color, backgrounds: style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? [] };
    }).then(({ color, backgrounds }) => Math.min(...(backgrounds.length > 0 ? backgrounds : [WHITE]).map((bg) => contrast(color, bg))));
    // Grey help text, the language line, an error, and the blue, green and red buttons.
    const selectors = ['#model-help', '.language', '#range-help', '#run', '#create-campaign button', '#share-open'];
    const ratios = await Promise.all(selectors.map(async (selector) => [selector, await worst(selector)] as const));
    expect(ratios.filter(([, ratio]) => ratio < 4.5)).toEqual([]);
  });

  test('the edges of the fields to type or choose in stand out from the white around them: at least 3:1', async () => {
    const sidebar = await campaignPage();
    const edges = await sidebar.page.locator('#campaign-search, #campaign, #model, #lookback').evaluateAll((nodes) =>
      nodes.map((node) => [getComputedStyle(node).borderLeftColor, getComputedStyle(node).borderTopColor]));
    for (const colour of edges.flat()) expect(contrast(colour, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
  });

  test('Export… before any report sheet is written: no sections to pick, and the export holds the whole report', async () => {
    const sidebar = await campaignPage(ready({
      listReportSections: { value: [] },
      exportReport: { value: { message: 'Saved report.pdf to your Drive.', fileName: 'report.pdf', fileUrl: null, emailedTo: null, tables: ['overview', 'drill_down'] } },
    }));
    const { page } = sidebar;
    await run(sidebar);
    await openPanel(page, 'export');
    expect(await page.textContent('#export-sections')).toBe('No report sheets are written yet, so there are no sections to pick: the export holds the whole report.');
    await page.click('#export-panel button[type=submit]');
    await page.locator('#notice.done').waitFor();
    expect((await sidebar.calls('exportReport'))[0].args[0]).toMatchObject({ tables: null, options: ON_SCREEN });
  });

  test('a campaign name with no place to break wraps in the results\' heading instead of widening the panel', async () => {
    // 43 characters of bold 14 px Arial: 23 em, some 323 px, more than the 276 px inside the panel's padding.
    const name = 'Q3_2026_EMEA_enterprise_webinar_retargeting';
    const sidebar = await campaignPage(ready({ runSidebar: { value: { ...RESULTS, campaign: { id: 'C2', name } } } }));
    await run(sidebar);
    expect(await sidebar.page.textContent('#results-title')).toBe(name);
    expect(await sidebar.page.locator('#results-title').evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true);
    expect(await sidebar.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('two campaigns whose long names differ only at the end: each choice holds its whole name, and the list keeps to the panel', async () => {
    const names = ['Spring launch 2026 – Benelux – LinkedIn sponsored content', 'Spring launch 2026 – Benelux – LinkedIn sponsored InMail'];
    const campaigns = names.map((name, i) => ({ id: `L${i + 1}`, name, utm: `spring_${i + 1}` }));
    const { page } = await campaignPage(ready({ getSidebarState: { value: { ...STATE, campaigns, options: { ...STATE.options, campaignId: 'L1' } } } }));
    expect(await page.locator('#campaign option').evaluateAll((options) => options.map((o) => o.getAttribute('title')))).toEqual(names);
    expect((await page.locator('#campaign').boundingBox())!.width).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('a long amount in a tile (nl_NL) stays one number on one line: set smaller to fit its half of the row', async () => {
    const kpis = RESULTS.kpis.map((kpi) => (kpi.key === 'revenue' ? { ...kpi, value: 1379602.16 } : kpi));
    const sidebar = await campaignPage(ready({
      getSidebarState: { value: { ...STATE, locale: 'nl_NL' } }, runSidebar: { value: { ...RESULTS, kpis } },
    }));
    await run(sidebar);
    const figure = (key: string) => sidebar.page.locator(`.kpi[data-kpi="${key}"] .value`).evaluate((node) => ({
      text: node.textContent, fontSize: getComputedStyle(node).fontSize, height: node.getBoundingClientRect().height,
      fits: node.scrollWidth <= node.clientWidth && node.getBoundingClientRect().right <= node.parentElement!.getBoundingClientRect().right,
    }));
    const revenue = await figure('revenue');
    expect(revenue.text).toBe('€\u00a01.379.602,16');
    // One line, less than two lines of 18 px type high, within its tile.
    expect(revenue.height).toBeLessThan(2 * 18);
    expect(revenue.fits).toBe(true);
    // A tile is (276 − 8) / 2 = 134 px, 116 px inside its border and padding. In bold Arial the € and the nine
    // digits are 0.556 em each, the space, the two points and the comma 0.278 em: 6.67 em, 120 px at 18 px (too
    // wide) and 113 px at 17 px.
    expect(revenue.fontSize).toBe('17px');
    // A figure that fits keeps the tiles' size.
    expect(await figure('sessions')).toMatchObject({ text: '150', fontSize: '18px', fits: true });
    expect(await sidebar.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('the chart\'s value labels of 100,000 and more show whole, left of the plot', async () => {
    const series = [
      { period: '2024-04', newContacts: 500, influencedContacts: 900, sessions: 120000 },
      { period: '2024-05', newContacts: 700, influencedContacts: 1100, sessions: 180000 },
    ];
    const sidebar = await campaignPage(ready({ runSidebar: { value: { ...RESULTS, series } } }));
    await run(sidebar);
    const labels = await sidebar.page.locator('#chart svg').evaluate((svg, periods) => {
      const plotLeft = Number(svg.querySelector('line.grid')!.getAttribute('x1'));
      // Every label but the periods under the plot.
      return [...svg.querySelectorAll('text')].filter((text) => !periods.includes(text.textContent!)).map((text) => {
        const box = text.getBBox();
        return { text: text.textContent, left: box.x, right: box.x + box.width, plotLeft };
      });
    }, series.map((point) => point.period));
    // 180,000 sessions in three steps: 60,000 rounds up to a step of 100,000, so the axis runs 0, 100,000, 200,000.
    expect(labels.map((label) => label.text)).toEqual(['0', '100,000', '200,000']);
    for (const label of labels) {
      expect(label.left).toBeGreaterThanOrEqual(0);
      expect(label.right).toBeLessThanOrEqual(label.plotLeft);
    }
  });

  test('Check the data sheets: hundreds of problems stay collapsed under the counts, the first listed and a line for the rest', async () => {
    const problem = (i: number) => ({
      severity: 'error', severityLabel: 'Error', sheet: 'Visits', row: i + 2, column: 'timestamp',
      location: `Visits, row ${i + 2}, column timestamp`, message: '"someday" is not a date.',
    });
    const report = { language: 'en', title: 'Data check', summary: 'Rows read: 255. Errors: 250. Warnings: 2.', problems: Array.from({ length: 200 }, (_, i) => problem(i)), more: 52, otherCurrencies: [] };
    const sidebar = await campaignPage(ready({ validateDataSheets: { value: report } }));
    const { page } = sidebar;
    await page.click('#housekeeping > summary');
    await page.click('#check-data');
    await page.locator('#notice[role=alert] details').waitFor();
    expect(await page.textContent('#notice summary')).toBe('Rows read: 255. Errors: 250. Warnings: 2.');
    expect(await page.locator('#notice details').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    // Collapsed, the notice is a line or two, not 200 problems long.
    expect((await boxOf(sidebar, '#notice')).height).toBeLessThan(100);
    await page.click('#notice summary');
    expect(await page.locator('#notice .problems li').count()).toBe(200);
    expect(await page.textContent('#notice .problems li .where')).toBe('Error · Visits, row 2, column timestamp');
    // 252 problems, 200 listed.
    expect(await page.textContent('#notice details > p')).toBe('…and 52 more problems: the errors come first; fix these and check again.');
  });

  test('linking one asset offers its type in the singular', async () => {
    const { page } = await campaignPage();
    expect(await page.locator('#link-asset-type option').allTextContents()).toEqual([
      'Landing page', 'Website page', 'Blog post', 'Email', 'Social post', 'CTA', 'Ad', 'Paid search', 'Tracking URL', 'Form',
      'Workflow', 'Static list', 'Marketing event', 'Other',
    ]);
  });

  test('a Dutch browser\'s sidebar that fails to load says so in Dutch, and the page is marked Dutch', async () => {
    const sidebar = await harness.open(ready({ getSidebarState: { error: 'Service Spreadsheets timed out.' } }), 'nl-NL');
    const { page } = sidebar;
    await page.locator('#notice[role=alert] button').waitFor();
    expect(await page.textContent('#notice p')).toBe('Dat is niet gelukt: Service Spreadsheets timed out.');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
  });
});
