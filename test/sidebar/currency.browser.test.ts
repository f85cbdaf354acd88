import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SidebarState } from '../../src/addon/sidebar-state';
import { ROOT } from '../support/built-dist';
import { BROWSER_TEST_TIMEOUT_MS, HAVE_CHROMIUM, SidebarHarness, SIDEBAR_WIDTH, type Fixtures, type Sidebar } from './browser';
import { ready, RESULTS, STATE } from './fixtures';

// The workbook currency control ("Workbook settings", at the foot of the campaign page) in the built sidebar in
// headless Chromium, its server stood in for by fixtures (test/sidebar/browser.ts). STATE: an en_US spreadsheet
// (the locale's currency USD) whose currency is set to EUR. Expected texts are the catalogue's, and Chromium's
// own currency names.

const inChromium = HAVE_CHROMIUM ? describe : describe.skip;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const WHERE = 'Amounts in another currency than the workbook\'s are left out; you can change the workbook currency in the sidebar, under "Workbook settings".';
const AUTOMATIC: SidebarState = { ...STATE, currency: 'USD', currencyChoice: null };
const DUTCH: SidebarState = { ...STATE, language: 'nl', languageChoice: 'nl' };


inChromium('the workbook currency in Chromium', () => {
  const harness = new SidebarHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  /** Opens the sidebar on the campaign page with "Workbook settings" unfolded. */
  async function settings(fixtures: Fixtures = ready()): Promise<Sidebar> {
    const sidebar = await harness.open(fixtures);
    await sidebar.page.locator('#campaign-page').waitFor({ state: 'visible' });
    await sidebar.page.click('#workbook-settings > summary');
    return sidebar;
  }

  const control = (sidebar: Sidebar, name = 'Workbook currency') => sidebar.page.getByRole('combobox', { name });
  const optionTexts = (sidebar: Sidebar, group: string) => sidebar.page.locator(`#currency optgroup[label="${group}"] option`).allTextContents();

  test('a labelled control showing the currency set: automatic (the locale\'s), the suggestions, then every other currency; within 300 px', async () => {
    const sidebar = await settings();
    const { page } = sidebar;
    expect(await page.textContent('#workbook-settings > summary')).toBe('Workbook settings');
    const select = control(sidebar);
    expect(await select.inputValue()).toBe('EUR');
    // Its description says the setting is the spreadsheet's, not the user's.
    expect(await page.locator(`#${await select.getAttribute('aria-describedby')}`).textContent())
      .toBe('Amounts in another currency are left out of every sum. This setting is shared by everyone who uses this spreadsheet.');
    expect(await page.locator('#currency > option').allTextContents()).toEqual(['Automatic (from the spreadsheet\'s locale: USD)']);
    expect(await page.getAttribute('#currency > option', 'value')).toBe('');
    // The locale's currency and the one set, named as the browser names them.
    expect(await optionTexts(sidebar, 'Suggested')).toEqual(['USD · US Dollar', 'EUR · Euro']);
    const all = await optionTexts(sidebar, 'All currencies');
    expect(all).toContain('CHF · Swiss Franc');
    expect(all).toContain('JPY · Japanese Yen');
    expect(all.filter((text) => /^(EUR|USD) /.test(text))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    expect(await page.evaluate(() => document.getElementById('currency')!.getBoundingClientRect().right)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('in a locale that names no currency, automatic is the currency most deals name', async () => {
    const sidebar = await settings(ready({ getSidebarState: { value: { ...AUTOMATIC, currency: null, localeCurrency: null, locale: 'es_419' } } }));
    expect(await control(sidebar).inputValue()).toBe('');
    expect(await sidebar.page.locator('#currency > option').allTextContents()).toEqual(['Automatic (the currency most deals name)']);
    expect(await sidebar.page.locator('#currency optgroup[label="Suggested"]').count()).toBe(0);
  });

  test('there, once a Run or the data check has read the amounts, automatic names the currency they were read in', async () => {
    const noLocaleCurrency = { ...AUTOMATIC, currency: null, localeCurrency: null, locale: 'es_419' };
    const sidebar = await settings(ready({
      getSidebarState: { value: noLocaleCurrency },
      runSidebar: { value: { ...RESULTS, currency: 'MXN' } },
      validateDataSheets: { value: { language: 'en', title: 'Data check', summary: 'No problems found. Rows read: 9.', problems: [], more: 0, otherCurrencies: [], currency: 'ARS' } },
      saveWorkbookCurrency: { value: { ...noLocaleCurrency, currency: 'CHF', currencyChoice: 'CHF' } },
    }));
    const { page } = sidebar;
    const automatic = () => page.locator('#currency > option').allTextContents();
    await page.click('#run');
    await page.locator('#results').waitFor({ state: 'visible' });
    expect(await automatic()).toEqual(['Automatic (the currency most deals name: MXN)']);
    await page.click('#housekeeping > summary');
    await page.click('#check-data');
    await page.locator('#notice', { hasText: 'No problems found' }).waitFor();
    expect(await automatic()).toEqual(['Automatic (the currency most deals name: ARS)']);
    // With a currency set, the amounts are read in it from now on: what they were read in before says nothing.
    await control(sidebar).selectOption('CHF');
    await page.click('#currency-form button[type=submit]');
    await page.locator('#notice', { hasText: 'Workbook currency saved' }).waitFor();
    expect(await automatic()).toEqual(['Automatic (the currency most deals name)']);
  });

  test('Save sends the code chosen, or "" for automatic; the server\'s state shows, and figures of the old currency go', async () => {
    const sidebar = await settings(ready({ saveWorkbookCurrency: { value: { ...STATE, currency: 'CHF', currencyChoice: 'CHF' }, hold: true } }));
    const { page } = sidebar;
    await page.click('#run');
    await page.locator('#results').waitFor({ state: 'visible' });
    await control(sidebar).selectOption('CHF');
    await page.click('#currency-form button[type=submit]');
    // While the server saves, neither the control nor Run can be used.
    await page.locator('#progress', { hasText: 'Saving the workbook currency…' }).waitFor();
    expect(await control(sidebar).isDisabled()).toBe(true);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await sidebar.release('saveWorkbookCurrency');
    await page.locator('#notice[role=status]').waitFor();
    expect((await sidebar.calls('saveWorkbookCurrency')).map((c) => c.args)).toEqual([['CHF']]);
    expect(await page.textContent('#notice')).toBe('Workbook currency saved: CHF · Swiss Franc. It applies to everyone who uses this spreadsheet; run again to see the figures in it.');
    expect(await control(sidebar).inputValue()).toBe('CHF');
    expect(await optionTexts(sidebar, 'Suggested')).toEqual(['USD · US Dollar', 'CHF · Swiss Franc']);
    expect(await page.locator('#results').isHidden()).toBe(true);

    await sidebar.answer('saveWorkbookCurrency', { value: AUTOMATIC });
    await control(sidebar).selectOption('');
    await page.click('#currency-form button[type=submit]');
    await page.locator('#notice', { hasText: 'Automatic' }).waitFor();
    expect((await sidebar.calls('saveWorkbookCurrency')).at(-1)!.args).toEqual(['']);
    expect(await page.textContent('#notice')).toBe('Workbook currency saved: Automatic (from the spreadsheet\'s locale: USD). It applies to everyone who uses this spreadsheet; run again to see the figures in it.');
    expect(await control(sidebar).inputValue()).toBe('');
  });

  test('a refusal is said as the server says it, and the choice stays on screen to try again', async () => {
    // The server refuses only what is no currency code, which the list never offers; or the properties store fails.
    const refusal = 'Service error: PropertiesService';
    const sidebar = await settings(ready({ saveWorkbookCurrency: { error: refusal } }));
    const { page } = sidebar;
    await control(sidebar).selectOption('CHF');
    await page.click('#currency-form button[type=submit]');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice')).toBe(`That did not work: ${refusal}`);
    expect(await control(sidebar).inputValue()).toBe('CHF');
    expect(await control(sidebar).isDisabled()).toBe(false);
  });

  test('amounts left out for their currency: the problems say where the currency is set, and those currencies are suggested', async () => {
    const sidebar = await settings(ready({
      runSidebar: { value: { ...RESULTS, otherCurrencies: ['GBP', '$'] } },
      validateDataSheets: {
        value: {
          language: 'en', title: 'Data check', summary: `Rows read: 9. Errors: 0. Warnings: 1. ${WHERE}`, more: 0, otherCurrencies: ['SEK'],
          problems: [{
            severity: 'warning', severityLabel: 'Warning', sheet: 'Deals', row: 3, column: 'currency', location: 'Deals, row 3, column currency',
            message: 'The deal is in SEK, not the workbook currency EUR; it is left out of every sum.',
          }],
        },
      },
    }));
    const { page } = sidebar;
    await page.click('#run');
    await page.locator('#results').waitFor({ state: 'visible' });
    expect(await page.textContent('#problems summary')).toBe(`Problems in the data · errors (rows left out): 1, warnings: 0. ${WHERE}`);
    // A symbol several currencies share ("$") names no code to suggest.
    expect(await optionTexts(sidebar, 'Suggested')).toEqual(['USD · US Dollar', 'EUR · Euro', 'GBP · British Pound']);
    // The data check: its summary is the server's; what it found left out is suggested instead.
    await page.click('#housekeeping > summary');
    await page.click('#check-data');
    await page.locator('#notice[role=alert]').waitFor();
    expect(await page.textContent('#notice summary')).toBe(`Rows read: 9. Errors: 0. Warnings: 1. ${WHERE}`);
    expect(await optionTexts(sidebar, 'Suggested')).toEqual(['USD · US Dollar', 'EUR · Euro', 'SEK · Swedish Krona']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
  });

  test('without such amounts the problems say nothing about the currency', async () => {
    const sidebar = await settings();
    await sidebar.page.click('#run');
    await sidebar.page.locator('#results').waitFor({ state: 'visible' });
    expect(await sidebar.page.textContent('#problems summary')).toBe('Problems in the data · errors (rows left out): 1, warnings: 0');
  });

  test('in Dutch within 300 px; a choice not saved yet survives a change of language', async () => {
    const sidebar = await settings(ready({ saveSidebarLanguage: { value: DUTCH } }));
    const { page } = sidebar;
    await control(sidebar).selectOption('CHF');
    await page.selectOption('#language', 'nl');
    await page.locator('#workbook-settings > summary', { hasText: 'Instellingen van de werkmap' }).waitFor();
    const select = control(sidebar, 'Valuta van de werkmap');
    expect(await select.inputValue()).toBe('CHF');
    expect(await page.locator(`#${await select.getAttribute('aria-describedby')}`).textContent())
      .toBe('Bedragen in een andere valuta tellen in geen enkele som mee. Deze instelling geldt voor iedereen die deze spreadsheet gebruikt.');
    expect(await page.locator('#currency > option').allTextContents()).toEqual(['Automatisch (uit de landinstelling van de spreadsheet: USD)']);
    expect(await optionTexts(sidebar, 'Voorgesteld')).toEqual(['USD · Amerikaanse dollar', 'EUR · Euro']);
    expect(await optionTexts(sidebar, 'Alle valuta')).toContain('CHF · Zwitserse frank');
    expect(await page.textContent('#currency-form button')).toBe('Valuta opslaan');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.locator('#workbook-settings').screenshot({ path: join(ROOT, 'test-output', 'sidebar-currency-nl.png') });
  });
});
