import { parseAddresses } from '../../src/addon/mail';

// Addresses as people paste them into the share and schedule boxes: what each reads as, or that it is refused.
// A refusal names what is wrong; nothing typed may be dropped unseen, except a name beside its address.
const ACCEPTED: Array<[string, string[]]> = [
  ['Anna de Vries <Anna@Example.com>; "de Vries, Bob" <bob@example.com>', ['anna@example.com', 'bob@example.com']],
  // A quoted name is a name before <…>, even holding an @; a quoted address alone is that address.
  ['"sales@acme.com" <crm-sales@acme.com>', ['crm-sales@acme.com']],
  ['"Team @ Acme" <team@acme.com>', ['team@acme.com']],
  ['"boss@example.com"', ['boss@example.com']],
  ['"Frank de Wit" frank@example.com', ['frank@example.com']],
  // Outlook writes an address without a name in single quotes.
  ["'anna@example.com'", ['anna@example.com']],
  ['(anna@example.com)', ['anna@example.com']],
  // A mailto: link: its addresses, those of its to, cc and bcc fields; not its subject or body.
  ['mailto:gina@example.com,hugo@example.com?subject=Report&body=Hi', ['gina@example.com', 'hugo@example.com']],
  ['mailto:anna@example.com?subject=Report&cc=bob@example.com', ['anna@example.com', 'bob@example.com']],
  ['mailto:?to=anna@example.com&subject=Report', ['anna@example.com']],
  ['mailto:anna%40example.com', ['anna@example.com']],
  // What follows a link's subject after a separator is typed, not the link's.
  ['mailto:anna@example.com?subject=Weekly;bob@example.com', ['anna@example.com', 'bob@example.com']],
  ['jörg@müller.de', ['jörg@müller.de']],
  // Scripts whose letters carry marks, and a decomposed umlaut as a Mac may paste it.
  ['info@उदाहरण.भारत', ['info@उदाहरण.भारत']],
  ['jorg@mu\u0308ller.de', ['jorg@mu\u0308ller.de']],
  ["o'brien@example.ie", ["o'brien@example.ie"]],
  // A link's & as a web page writes it; a to= list with its commas; a comment after the address is its name.
  ['mailto:anna@example.com?subject=Hi&amp;cc=bob@example.com', ['anna@example.com', 'bob@example.com']],
  ['mailto:?to=anna@example.com,bob@example.com&subject=Report', ['anna@example.com', 'bob@example.com']],
  ['anna@example.com (Anna de Vries)', ['anna@example.com']],
  // An address inside a longer parenthesis or quote is one typed, not a name's.
  ['Anna <anna@example.com> (or anna.prive@example.com)', ['anna@example.com', 'anna.prive@example.com']],
  ['<anna@example.com> (bob@example.com, carol@example.com)', ['anna@example.com', 'bob@example.com', 'carol@example.com']],
  // Outlook copies names as "Last, First": the comma before a name with its <address> is the name's.
  ['Jansen, Bob <bob@example.com>; de Vries, Anna <anna@example.com>', ['bob@example.com', 'anna@example.com']],
  ['de Vries, Anna <anna@example.com>', ['anna@example.com']],
  ['carol@example.com; Jansen, Bob <bob@example.com>', ['carol@example.com', 'bob@example.com']],
  ['van der Berg, Jan <jan@example.com>; O\'Brien, Ann <ann@example.com>', ['jan@example.com', 'ann@example.com']],
  ['v.d. Berg, Jan <jan@example.nl>; García de la Cruz, María <maria@example.es>; St. John, Anna <anna@example.com>',
    ['jan@example.nl', 'maria@example.es', 'anna@example.com']],
  // A list copied one recipient a line, and a trailing comma, are Outlook's too.
  ['Jansen, Bob <bob@example.com>\nde Vries, Anna <anna@example.com>', ['bob@example.com', 'anna@example.com']],
  ['anna@example.com\r\nbob@example.com', ['anna@example.com', 'bob@example.com']],
  // Outlook's single-quoted names, apostrophes and hyphens, scripts without capitals.
  ["'Jansen, Bob' <bob@example.com>; 'de Vries, Anna' <anna@example.com>", ['bob@example.com', 'anna@example.com']],
  ["d'Amico, Maria <maria@example.it>; al-Rashid, Omar <omar@example.com>; כהן, דני <dani@example.co.il>",
    ['maria@example.it', 'omar@example.com', 'dani@example.co.il']],
];

const REFUSED: Array<[string, string]> = [
  ['anna@example.com:', 'Not an e-mail address: "anna@example.com:".'],
  ['"Anna de Vries", bob@example.com', 'Not an e-mail address: "Anna de Vries".'],
  // Refused as typed, not lower-cased; a name without its <address> is no Outlook name.
  ['Jansen, bob@example.com', 'Not an e-mail address: "Jansen".'],
  // Only Outlook's semicolon lists (or one recipient) read "Last, First <address>"; nothing mistyped joins a name.
  ['carol@example.com, Jansen, Bob <bob@example.com>', 'Not an e-mail address: "Jansen".'],
  ['bob.example.com, Anna <anna@example.com>', 'Not an e-mail address: "bob.example.com".'],
  ['bob at example dot com, Anna <anna@example.com>', 'Not an e-mail address: "bob", "at", "example", "dot", "com".'],
  ['bob, carol, Anna <anna@example.com>', 'Not an e-mail address: "bob", "carol".'],
  ['Vries, Anna <>', 'Not an e-mail address: "Vries".'],
  // A line break or comma at the end (a text box's Enter) makes no Outlook list of a comma list.
  ['bob@example.com, carol, Anna <anna@example.com>\n', 'Not an e-mail address: "carol".'],
  ['Sales team, Anna de Vries <anna@example.com>, carol@example.com\n', 'Not an e-mail address: "Sales", "team".'],
  ['Piet, Anna de Vries <anna@example.com>,', 'Not an e-mail address: "Piet".'],
  ['bob at example com, Anna <anna@example.com>\n', 'Not an e-mail address: "bob", "at", "example", "com".'],
  ['carol@example.com\nPiet, Anna de Vries <anna@example.com>, dave@example.com', 'Not an e-mail address: "Piet".'],
  ['., Anna <anna@example.com>', 'Not an e-mail address: ".".'],
  ['zoë, Anna <anna@example.com>; Bob <bob@example.com>', 'Not an e-mail address: "zoë".'],
  ['Bob at gmail com, Anna <anna@example.com>', 'Not an e-mail address: "Bob", "at", "gmail", "com".'],
  ['Bob@Example', 'Not an e-mail address: "Bob@Example".'],
  ['anna@example.com bob', 'Not an e-mail address: "bob".'],
  ['anna@example.com (cc bob@example.com)', 'Not an e-mail address: "cc".'],
  ["'anna@example.com", 'Not an e-mail address: "\'anna@example.com".'],
  ['.anna@example.com, anna..b@example.com', 'Not an e-mail address: ".anna@example.com", "anna..b@example.com".'],
  // A subject with a space: what follows it is typed text, refused rather than taken for an address.
  ['mailto:anna@example.com?subject=Weekly report&cc=bob@example.com', 'Not an e-mail address: "report&cc=bob@example.com".'],
];

test.each(ACCEPTED)('%s is read as %j', (input, addresses) => {
  expect(parseAddresses([input])).toEqual(addresses);
});

test.each(REFUSED)('%s is refused', (input, message) => {
  expect(() => parseAddresses([input])).toThrow(message);
});
