/**
 * Word lists the term processing and entity finding use: stop words, British → American
 * spellings (from american-british-english-translator's data), countries, their names and
 * demonyms (from world-countries), and cue words for people, organisations and places.
 */
import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';
import { fold } from './fold.js';
import { wordTable } from './lookup.js';

const require = createRequire(import.meta.url);
const countries: Countries = require('world-countries');

/** British spelling → American spelling, 1,700+ words (`defence` → `defense`). */
export const BRITISH_TO_AMERICAN = wordTable<string>(require('american-british-english-translator/data/british_spellings.json'));

/** English function words that carry no topic. Question words are kept apart for question typing. */
export const STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both but by
  can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't
  have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't
  it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own
  same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's
  these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
  weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're
  you've your yours yourself yourselves also just may might must shall will would ever s t d ll m re ve y isnt dont doesnt didnt
  according said say says tell told did does do many much kind type called name named us let`
    .split(/\s+/)
    .filter(Boolean),
);

export interface CountryEntry {
  /** The canonical term all its names map to, e.g. `unitedstates`. */
  term: string;
  /** The name shown for it, e.g. `United States`. */
  name: string;
}

/** Folded names, alternative spellings and demonyms of countries → the country. Multi-word keys hold spaces. */
export const COUNTRY_NAMES = new Map<string, CountryEntry>();
/** Capitals and countries: known places. Folded. */
export const KNOWN_PLACES = new Set<string>();
/** Demonyms (`japanese`): adjectives, not places themselves. Folded. */
export const DEMONYMS = new Set<string>();

/**
 * Alternative spellings in world-countries that are also an English word or a first name:
 * Iceland's `Island` (Ísland) made every `island` in the knowledge Iceland; Dominica's `Dominique`.
 */
const NOT_COUNTRY_NAMES = new Set(['island', 'dominique']);

// UN members first, so a name two territories share (`American`) goes to the country.
const ordered = [...countries].sort((a, b) => Number(b.unMember) - Number(a.unMember));
for (const c of ordered) {
  const entry: CountryEntry = { term: fold(c.name.common).replace(/[^a-z0-9]/g, ''), name: c.name.common };
  // Two- and three-letter codes are everyday words (`to`, `at`, `eg`); only US, USA and UK are kept.
  const names = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3)];
  if (c.cca3 === 'USA') names.push('America', 'US', 'USA', 'U.S.', 'U.S.A.');
  if (c.cca3 === 'GBR') names.push('Britain', 'UK', 'U.K.');
  for (const name of names) {
    const key = fold(name).replace(/\./g, '');
    if (NOT_COUNTRY_NAMES.has(key)) continue;
    if (key.length >= 2 && !COUNTRY_NAMES.has(key)) COUNTRY_NAMES.set(key, entry);
    KNOWN_PLACES.add(fold(name));
  }
  for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) {
    if (!d) continue;
    const key = fold(d);
    if (!COUNTRY_NAMES.has(key)) COUNTRY_NAMES.set(key, entry);
    DEMONYMS.add(key);
  }
  for (const capital of c.capital ?? []) KNOWN_PLACES.add(fold(capital));
}

/**
 * Demonyms of places world-countries has no country for (`English` → England, `Soviet` → Soviet Union): old states,
 * nations of a country, regions and continents. Only words that name nothing but the place's people or things.
 */
const MORE_DEMONYMS: Record<string, string> = {
  english: 'England',
  scottish: 'Scotland',
  welsh: 'Wales',
  soviet: 'Soviet Union',
  prussian: 'Prussia',
  ottoman: 'Ottoman Empire',
  byzantine: 'Byzantine Empire',
  roman: 'Rome',
  persian: 'Persia',
  venetian: 'Venice',
  parisian: 'Paris',
  bavarian: 'Bavaria',
  sicilian: 'Sicily',
  tibetan: 'Tibet',
  catalan: 'Catalonia',
  flemish: 'Flanders',
  hawaiian: 'Hawaii',
  alaskan: 'Alaska',
  texan: 'Texas',
  californian: 'California',
  african: 'Africa',
  european: 'Europe',
  asian: 'Asia',
};

/** States that are no more (not in world-countries), asked as countries, not as bodies beside a union of geoscientists. Folded. */
export const FORMER_STATES = new Set(
  `soviet union|ussr|russian empire|german empire|ottoman empire|byzantine empire|holy roman empire|roman empire|
  austria-hungary|austro-hungarian empire|czechoslovakia|yugoslavia|east germany|west germany|prussia|kingdom of prussia|
  confederate states|persian empire|mughal empire|qing empire`
    .split('|')
    .map((s) => s.trim()),
);

/** The key a place compares by: a country's term for any of its names (`French Republic` → `france`), else its folded letters. */
export function placeKey(name: string): string {
  const folded = fold(name).replace(/\./g, '');
  return COUNTRY_NAMES.get(folded)?.term ?? folded.replace(/[^a-z0-9]/g, '');
}

/** Folded demonym (`french`, `americans`, `soviet`) → the key of its place (`france`, `unitedstates`, `sovietunion`). */
export const DEMONYM_PLACES = new Map<string, string>();
for (const d of DEMONYMS) DEMONYM_PLACES.set(d, COUNTRY_NAMES.get(d)!.term);
for (const [d, place] of Object.entries(MORE_DEMONYMS)) if (!DEMONYM_PLACES.has(d)) DEMONYM_PLACES.set(d, placeKey(place));

/** The place a word of a text is the demonym of (`Japanese`, `Americans`), as a `placeKey`; undefined for other words. */
export function demonymPlace(word: string): string | undefined {
  const folded = fold(word);
  return DEMONYM_PLACES.get(folded) ?? (folded.endsWith('s') ? DEMONYM_PLACES.get(folded.slice(0, -1)) : undefined);
}
/** UN member countries and their capitals by subregion (`Eastern Asia`): wrong choices from the same part of the world. */
export const REGIONS = new Map<string, { countries: string[]; capitals: string[] }>();
/** The subregion of a country or its capital (`Taiwan` too), by folded common name (`tokyo`, `japan`). */
export const REGION_OF = new Map<string, { region: string; capital: boolean }>();
for (const c of countries) {
  if (!c.subregion) continue;
  const region = REGIONS.get(c.subregion) ?? { countries: [], capitals: [] };
  if (c.unMember) region.countries.push(c.name.common);
  REGION_OF.set(fold(c.name.common), { region: c.subregion, capital: false });
  for (const capital of c.capital ?? []) {
    if (c.unMember) region.capitals.push(capital);
    REGION_OF.set(fold(capital), { region: c.subregion, capital: true });
  }
  REGIONS.set(c.subregion, region);
}
/** Two-letter country codes that are also everyday words: only upper case `US`/`UK` is the country. */
export const CASE_SENSITIVE_COUNTRY_CODES = new Set(['us', 'uk', 'usa']);

/** Words that introduce or qualify a person's name (`Defense Minister Gen Nakatani`). Folded. */
export const TITLE_WORDS = new Set(
  `mr mrs ms miss dr prof professor sir dame lord lady king queen prince princess emperor empress pope saint st rev father
  president vice chancellor minister secretary premier governor senator sen rep representative mayor ambassador general gen
  admiral adm colonel col captain capt lieutenant lt sergeant sgt commander chief judge justice director chairman chairwoman
  chair ceo cfo coach bishop cardinal archbishop sheikh sultan chief spokesman spokeswoman spokesperson`
    .split(/\s+/)
    .filter(Boolean),
);

/** Last or inner words that make a proper-noun phrase an organisation. Folded. */
export const ORGANIZATION_WORDS = new Set(
  `department ministry agency times press post journal news herald tribune guardian gazette university college school institute
  academy company corporation corp inc ltd llc plc bank party council committee commission association union army navy
  forces force corps parliament congress senate assembly court office bureau foundation group organization organisation church
  club team airlines airways federation league society board administration authority service services network broadcasting
  reuters museum library hospital laboratory laboratories council cabinet government command`
    .split(/\s+/)
    .filter(Boolean),
);

/** Last words that make a proper-noun phrase a place. Folded. */
export const PLACE_WORDS = new Set(
  `islands island isles sea ocean river mountains mountain mount mt lake city county province state states valley bay strait
  peninsula desert coast gulf canal street avenue square bridge harbor harbour port region district territory kingdom republic
  airport park forest hills hill falls delta basin plateau channel cape archipelago village town`
    .split(/\s+/)
    .filter(Boolean),
);

/** Prepositions after which a lone proper noun is most likely a place. Folded. */
export const PLACE_PREPOSITIONS = new Set([
  'in',
  'at',
  'near',
  'from',
  'to',
  'into',
  'across',
  'around',
  'toward',
  'towards',
  'outside',
  'inside',
]);
