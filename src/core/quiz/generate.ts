/**
 * Questions generated from the knowledge, without a language model: a sentence with one key
 * phrase (a number, a date, a person, an organisation, a place, a short quote) blanked out, asked
 * as a real question where the grammar allows (`forms.ts`). Each keeps its passage, citation and
 * the passage's hash. Sentences and blanks that break a rule of `rules.ts` (markup, code, a
 * subject the player cannot resolve, an answer the prompt gives away…) are skipped, and a kind
 * needs evidence (`Coercing` after `in` is not a place).
 */
import type { Entity, Passage } from '../knowledge/index.js';
import { citationOf } from '../search/index.js';
import type { AcronymDefinition } from '../text/index.js';
import {
  COUNTRY_NAMES,
  FORMER_STATES,
  KNOWN_PLACES,
  ORGANIZATION_WORDS,
  PLACE_WORDS,
  REGION_OF,
  REGIONS,
  STOP_WORDS,
  taggedWords,
  TITLE_WORDS,
} from '../text/index.js';
import { pickWrongChoices, type Candidate } from './distractors.js';
import { asQuestion, BLANK, selfContained } from './forms.js';
import { answerKey, answerWords, indexOfWords, normalizeAnswer } from './normalize.js';
import { parseNumbers } from './numbers.js';
import type { Question, QuestionKind } from './question-model.js';
import { createRandom, shortId } from './random.js';
import {
  blankRules,
  answerBound,
  isCodeLike,
  isGenericAcronym,
  isReleaseNotes,
  NUMBER_RANGE,
  sentenceRules,
  spokenRankOf,
  YEAR_RANGE,
} from './rules.js';

export { BLANK };

/** What a generated question keeps of the passage it was made from: where to cite, the text, and what ties it to its file. */
export function fromPassage(passage: Passage) {
  return {
    citation: citationOf(passage),
    source: passage.text,
    passageId: passage.id,
    sourceHash: passage.hash,
    file: passage.file,
    tags: passage.tags,
  };
}

/** How good a question of each kind usually is (the draw favours the better ones). */
export const KIND_QUALITY: Record<QuestionKind, number> = {
  number: 5,
  date: 4,
  person: 4,
  quote: 4,
  organization: 4,
  place: 3,
  acronym: 2,
  term: 4,
  other: 1,
};

/** A phrase in more than this share of a file's sentences is what the file is about: too easy to guess. */
const MAX_SHARE = 0.4;
/** A place or body named in this many sentences of a file or more, and more than any other, is what a page is about (`crimes in _____` → Addis Ababa). */
const MIN_SUBJECT_MENTIONS = 4;
/** …and in at least this share of its sentences (`United States` in 5 of Geology's 100 is a mention, not its subject). */
const MIN_SUBJECT_SHARE = 0.1;
/** A figure with more significant digits than this (`628,984`) is no one's to type: asked with choices only, or not at all. */
const MAX_TYPED_DIGITS = 3;
/** Places from the atlas rank below every place the knowledge names (whose likeness is 0 or more). */
const REGION_LIKENESS = -1;
/** A real question reads better than a cloze: drawn this much more often. */
const QUESTION_FORM_BONUS = 1;
/** Words after a name that show it is a person's (`Hegseth said`, `Guiscard died`). */
const PERSON_VERBS =
  /^\s*(?:,[^,]{0,40},\s*)?(?:(?:also|later|then|once|first|again)\s+)?(?:said|says|told|wrote|writes|argued|believed|claimed|announced|declared|described|called|added|noted|born|died|was born|married|ruled|reigned|led|founded|invented|discovered|became|served)\b/;
/** A place's first word among this many commonest of spoken English (`Market`, `Grand`) does not name it alone. */
const EVERYDAY_RANK = 10_000;
/** Last words of names that are buildings, works or things, not people. */
const NOT_PEOPLE = new Set([
  'abbey',
  'monastery',
  'cathedral',
  'castle',
  'palace',
  'temple',
  'hall',
  'tower',
  'church',
  'chapel',
  'fort',
  'prize',
  'award',
  'act',
  'treaty',
  'war',
  'book',
  'subscription',
  'support',
  'processing',
  'protocol',
  'language',
  'schema',
  'schemas',
  'api',
  'officers',
  'hotel',
  'building',
  'house',
  'center',
  'centre',
  'stadium',
  'station',
  'theatre',
  'theater',
  'officials',
  'members',
]);
/** Last words of names that are buildings, streets or laws, not bodies (`Bank of America Tower`, `Services Directive`). */
const NOT_BODIES = new Set(
  `street avenue road square bridge tower building hall house centre center stadium station airport park town directive
  regulation act treaty charter law code`.split(/\s+/),
);
/** Words after a place's name that make it someone's (`Julia Butterfly Hill lived`, `Christian Bay's encyclopedia article`). */
const PLACE_ACTS =
  /^(?:\s+(?:lived|lives|wrote|writes|said|says|argued|argues|believed|believes|died|was born)\b|['’]s\s+(?:\p{Ll}+\s+)?(?:article|book|essay|paper|theory|view|views|work|argument|definition|life|death|wife|husband|son|daughter)\b)/u;
/** `written by Linus Torvalds`: someone who made something. */
const MADE_BY =
  /\b(?:written|created|founded|developed|designed|invented|directed|composed|painted|discovered|started|authored|given|named|introduced)\s+by\s+$/;
/** A quote is a quote only where someone says it. */
const SPEECH =
  /\b(?:said|says|say|told|tells|called it|calls it|wrote|writes|declared|described (?:it|them|him|her) as|announced|stated|added|noted|remarked|quipped|put it)\b/i;

/** Words after a name that make it software, not a place (`Cairo backend`, `Cairo or Xft libraries`). */
const SOFTWARE_AFTER =
  /^\s*(?:(?:or|and)\s+\S+\s+)?(?:backends?|librar(?:y|ies)|framework|engine|renderer|drivers?|modules?|packages?|plugins?|toolkit|bindings?|api|sdk|graphics|fonts?|surfaces?)\b/i;
/** Words before a name that make it software, not a place (`rendering via Cairo`, `using Cairo`). */
const SOFTWARE_BEFORE = /\b(?:via|using|uses|use|through)\s+$/i;
/** A number right after a measure's name (`a minimum MTU of 1500`, `key size of 2048`) is the measure, not a year. */
const MEASURE_BEFORE =
  /(?:\b\p{Lu}{2,}|\b(?:size|length|limit|maximum|minimum|max|min|value|total|port|capacity|width|height|count|timeout|buffer))\s+(?:of|is|to|at|=)?\s*$/u;

/** `1500 °C`, `1800 RPM`, `1024 bytes`: a measure, not a year. */
const MEASURE_AFTER = /^\s*(?:°|%|[A-Z]{2,}\b|(?:km|kg|mm|cm|hp|mph|kW|MW|rpm|Hz|hz|bits?|bytes?|ms|octets?|characters?|pixels?|px)\b)/;

/** A generated question, with how good it is likely to be. */
export type GeneratedQuestion = Question & { quality: number };

export interface GenerateInput {
  passages: Passage[];
  acronyms?: AcronymDefinition[];
}

interface Mention {
  passage: Passage;
  entity: Entity;
  kind: QuestionKind;
  key: string;
}

/** Generates every acceptable question from the passages, in passage order: for each blank a real question where the grammar allows, and the cloze. */
export function generateQuestions(input: GenerateInput): GeneratedQuestion[] {
  const passages = input.passages.filter((p) => !p.file.startsWith('quizzes/') && !isReleaseNotes(p.file));
  const acronyms = new Map<string, string>();
  for (const a of input.acronyms ?? []) acronyms.set(a.short, a.long);
  const byId = new Map(passages.map((p) => [p.id, p]));
  const all = collectMentions(passages, acronyms);
  const names = groupNames(all);
  const mentions = withEvidence(all, acronyms, passages);
  // Wrong choices name things by the names that passed the evidence (not `Evroul Abbey` for a person).
  const evidentNames = groupNames(mentions);
  // What a file is about is counted on every mention, with evidence or not (`Hegseth` without a title still is Pete Hegseth).
  const sharePerFile = shares(passages, all);
  const subjects = pageSubjects(passages, all);
  const out: GeneratedQuestion[] = [];
  const seenSentences = new Set<string>();
  // Names the knowledge uses as places: a sentence naming one says which town `the city` is.
  const placeNames = new Set(all.filter((m) => m.kind === 'place').map((m) => normalizeAnswer(m.entity.text)));
  for (const passage of passages) {
    // The same sentence twice in the knowledge (a README's badge line, a repeated note) is asked once.
    const sentenceKey = normalizeAnswer(passage.text);
    if (seenSentences.has(sentenceKey)) continue;
    seenSentences.add(sentenceKey);
    const own = mentions.filter((m) => m.passage === passage);
    if (own.length === 0) continue;
    const resolved = selfContained(passage, byId, passage.title);
    if (
      !resolved ||
      sentenceRules(resolved.text).length > 0 ||
      unnamedPerson(passage, resolved.replaced) ||
      unnamedPlace(passage, resolved.replaced, placeNames) ||
      rambling(resolved.text)
    )
      continue;
    // `Bowman was the director …`: a surname the sentences before introduced, asked with the full name.
    const named = resolved.replaced === 0 ? namedSubject(passage, all, passages) : resolved;
    if (!named) continue;
    for (const m of own) {
      // The page's own subject answers every blank of it (`Corruption … is common in _____.` on the Addis Ababa page).
      if (subjects.has(`${m.passage.file}\n${m.key}`)) continue;
      const sentence = m.entity.start === 0 ? resolved : named;
      out.push(...makeQuestions(m, sentence, mentions, { all: names, evident: evidentNames }, acronyms, sharePerFile));
    }
  }
  return out;
}

/**
 * The sentence with its opening surname made the full name the file gives it (`Bowman was …` → `Isiah Bowman was …`),
 * as it was when it opens on no lone surname or the file names no one longer by it, and null when the file names
 * several people by it (which one, the sentence does not say).
 */
function namedSubject(
  passage: Passage,
  mentions: Mention[],
  passages: Passage[],
): { text: string; shift: number; replaced: number } | null {
  const unchanged = { text: passage.text, shift: 0, replaced: 0 };
  const lead = passage.entities.find((e) => e.kind === 'person' && e.start === 0 && /^\p{Lu}\p{Ll}+$/u.test(e.text));
  // The subject of a verb (`Bowman was`, `Hutton published`) or an owner (`Johnson's expedition`), not a name's first word (`Rail transport`).
  if (!lead) return unchanged;
  const next = taggedWords(passage.text.slice(0, lead.end + 30))[1];
  if (!next || !(next.pos === 'VERB' || next.pos === 'AUX' || /^['’]s$/.test(next.value))) return unchanged;
  const inFile = mentions.filter((o) => o.passage.file === passage.file);
  // `Harvard's alumni` (Harvard University), `Jacksonville is …`, `Rail transport …`: a word the file uses for a body, a
  // place or in lower case is no one's surname there.
  const word = new RegExp(`(?<![\\p{L}])${lead.text}(?![\\p{L}])`, 'u');
  const lower = new RegExp(`(?<![\\p{L}])${lead.text.toLowerCase()}(?![\\p{L}])`, 'u');
  if (
    inFile.some((o) => o.kind !== 'person' && word.test(o.entity.text)) ||
    passages.some((p) => p.file === passage.file && lower.test(p.text))
  )
    return unchanged;
  const full = new Set(
    inFile
      .filter((o) => o.kind === 'person' && / /.test(o.entity.text) && !/ of /.test(o.entity.text) && isProperName(o.entity.text))
      .map((o) => cleanName(o.entity.text))
      .filter((t) => t.endsWith(` ${lead.text}`)),
  );
  if (full.size === 0) return unchanged;
  if (full.size > 1) return null;
  const name = [...full][0]!;
  return { text: `${name}${passage.text.slice(lead.end)}`, shift: name.length - lead.end, replaced: lead.end };
}

/** Fewer words than this around a blank say too little for one answer (`_____ was established in 1816.`). */
const MIN_CONTEXT_WORDS = 6;
/** `the city`, `the state's`, `of the population`, `in the neighborhood`: a place (or its people) the sentence must name first. */
const UNNAMED_PLACE =
  /\bthe (?:city|town|village|colony|settlement|country|state|county|province|island|neighbou?rhood|park|population)\b(?!\s+of\s+\p{Lu})/u;

/**
 * True when the sentence speaks of a town it does not name (`In 2006, 304,016 companies were registered in the city.`,
 * `relegated from the country's top flight`, `30.0% of the population`): `the city`, `the state`, `the park`… with no place
 * or body named before it.
 */
function unnamedPlace(passage: Passage, replaced: number, placeNames: ReadonlySet<string>): boolean {
  // A sentence `selfContained` began with a name names its subject.
  if (replaced > 0) return false;
  const place = UNNAMED_PLACE.exec(passage.text);
  if (!place) return false;
  // A place or body found, or a word the knowledge names as a place elsewhere (`Jacksonville … crisscrossed the state`;
  // not `President Grover Cleveland attended … in the city`).
  const named = (passage.text.slice(0, place.index).match(/\p{Lu}\p{Ll}+/gu) ?? []).some((w) => placeNames.has(w.toLowerCase()));
  return !named && !passage.entities.some((e) => (e.kind === 'place' || e.kind === 'organization') && e.start < place.index);
}

/** Capitalised words of a text that are no everyday words: names (`Kilbrandon`, `Jacksonville`). */
function namesBefore(text: string): string[] {
  return (text.match(/\p{Lu}\p{Ll}+/gu) ?? []).filter((w) => (spokenRankOf(w) ?? Infinity) >= EVERYDAY_RANK);
}

/** A sentence longer than this many words… */
const LONG_SENTENCE_WORDS = 28;
/** …with this many commas or semicolons or more is a paragraph's worth of clauses, hard to follow read aloud. */
const MANY_CLAUSES = 3;

/** True for a long sentence of many clauses (`Nassau County lies to the north, Baker County lies to the west, and …; …`). */
function rambling(text: string): boolean {
  return (text.match(/[,;]/g) ?? []).length >= MANY_CLAUSES && answerWords(text).length > LONG_SENTENCE_WORDS;
}

/**
 * True when the sentence speaks of someone it does not name before (`… was traversed and mapped by him`):
 * `he`, `him`, `his`, `she`, `her` with no person named earlier in it (nor put at its start by `selfContained`).
 */
function unnamedPerson(passage: Passage, replaced: number): boolean {
  // `he or she`, `his or her`: anyone, not someone said before.
  if (replaced > 0) return false;
  const pronoun = /\b(?:he|him|his|himself|she|her|hers|herself)\b(?! or \w)/i.exec(passage.text);
  if (!pronoun) return false;
  const at = pronoun.index;
  // A person found, or a capitalised word that is no everyday word nor a place (`Kilbrandon published his report`).
  const named = namesBefore(passage.text.slice(0, at)).some(
    (w) => !COUNTRY_NAMES.has(w.toLowerCase()) && !KNOWN_PLACES.has(w.toLowerCase()),
  );
  return !named && !passage.entities.some((e) => e.kind === 'person' && e.start < at);
}

/** Finds every entity, with a key that is the same for every way of naming one thing. */
function collectMentions(passages: Passage[], acronyms: Map<string, string>): Mention[] {
  const mentions: Mention[] = [];
  for (const passage of passages) {
    for (const entity of passage.entities) {
      mentions.push({ passage, entity, kind: entity.kind, key: keyOf(entity.kind, entity, acronyms) });
    }
  }
  // `Hegseth` is `Pete Hegseth`; `Times` is `New York Times`: a name that ends a longer one of its kind is that one.
  // `Pete` is `Pete Hegseth` too, when only one person in the knowledge has that first name.
  for (const kind of ['person', 'organization'] as const) {
    const keys = [...new Set(mentions.filter((m) => m.kind === kind).map((m) => m.key))].sort((a, b) => b.length - a.length);
    const merged = new Map<string, string>();
    for (const k of keys) {
      const word = k.slice('name:'.length);
      // Only when one longer name ends so: `Guiscard` is neither `Robert Guiscard` nor `Roger Guiscard` for sure.
      // An everyday word alone (`Support`) is not a short name of `Long Term Support`; a body's word (`Times`) may be.
      const everyday =
        kind === 'organization' && !word.includes(' ') && (spokenRankOf(word) ?? Infinity) < EVERYDAY_RANK && !ORGANIZATION_WORDS.has(word);
      const endings = everyday ? [] : keys.filter((l) => l.length > k.length && l.endsWith(` ${word}`));
      const longer = endings.length === 1 ? endings[0] : undefined;
      const firstOf = kind === 'person' && !word.includes(' ') ? keys.filter((l) => l.startsWith(`name:${word} `)) : [];
      merged.set(k, longer ? (merged.get(longer) ?? longer) : firstOf.length === 1 ? (merged.get(firstOf[0]!) ?? firstOf[0]!) : k);
    }
    for (const m of mentions) if (m.kind === kind) m.key = merged.get(m.key) ?? m.key;
  }
  return mentions;
}

function keyOf(kind: QuestionKind, entity: Entity, acronyms: Map<string, string>): string {
  const text = normalizeAnswer(entity.text);
  switch (kind) {
    case 'number':
      return `number:${entity.value ?? parseNumbers(entity.text)[0] ?? text}`;
    case 'date':
      return `date:${text.replace(/^(?:late|early|mid|of) /, '')}`;
    case 'place': {
      const country = COUNTRY_NAMES.get(text) ?? COUNTRY_NAMES.get(answerWords(entity.text).join(' '));
      return `name:${country ? country.term : text}`;
    }
    case 'acronym': {
      const long = acronyms.get(entity.text);
      return `name:${long ? normalizeAnswer(long) : text}`;
    }
    default:
      return `name:${text}`;
  }
}

/**
 * The mentions whose kind has evidence, with numbers that are years made dates: a person is
 * named with a title or with `said`/`died` after it somewhere; a place is a
 * country, a known place or ends in `Sea`, `Islands`…; an acronym is one the knowledge defines;
 * a quote is one someone says; a number counts something.
 */
function withEvidence(mentions: Mention[], acronyms: Map<string, string>, passages: Passage[]): Mention[] {
  const personKeys = new Set<string>();
  /** Mentions that show a person there and then: `Defense Minister Gen Nakatani`, `Hegseth said`. */
  const personHere = new Set<Mention>();
  /** People named somewhere with a title (`Defense Minister Gen Nakatani`): their surname alone is them. */
  const titledKeys = new Set<string>();
  for (const m of mentions) {
    if (m.kind !== 'person') continue;
    const before = m.passage.text.slice(0, m.entity.start).trim().split(/\s+/).pop()?.replace(/\.$/, '').toLowerCase() ?? '';
    const titled = TITLE_WORDS.has(before);
    const acts =
      PERSON_VERBS.test(m.passage.text.slice(m.entity.end)) ||
      /^\s*(?:,\s*)?(?:who\b|when (?:he|she)\b)/.test(m.passage.text.slice(m.entity.end)) ||
      MADE_BY.test(m.passage.text.slice(0, m.entity.start));
    if (titled || acts) {
      personKeys.add(m.key);
      personHere.add(m);
    }
    if (titled) titledKeys.add(m.key);
  }
  const things = thingKeys(mentions, passages, titledKeys);
  // A name used anywhere as software (`Cairo backend`) is not a place; one used with `a` (`trigger a Denial of Service`) is not a body.
  const softwareKeys = new Set<string>();
  const commonKeys = new Set<string>();
  for (const m of mentions) {
    const before = m.passage.text.slice(0, m.entity.start);
    if (m.kind === 'place' && (SOFTWARE_AFTER.test(m.passage.text.slice(m.entity.end)) || SOFTWARE_BEFORE.test(before)))
      softwareKeys.add(m.key);
    // `Julia Butterfly Hill lived in …`, `Christian Bay's encyclopedia article`: someone, not a hill or a bay.
    if (m.kind === 'place' && PLACE_ACTS.test(m.passage.text.slice(m.entity.end))) softwareKeys.add(m.key);
    if (m.kind === 'organization' && /\b(?:a|an)\s+$/i.test(before)) commonKeys.add(m.key);
  }
  // `Scotland`, `England` named a place somewhere are no one's name.
  const placeTexts = new Set(mentions.filter((m) => m.kind === 'place').map((m) => normalizeAnswer(m.entity.text)));
  const out: Mention[] = [];
  for (const m of mentions) {
    const text = m.entity.text;
    if (isCodeLike(text)) continue;
    // `a minimum MTU of 1500`: the measure's value, not a year.
    const measured = MEASURE_BEFORE.test(m.passage.text.slice(0, m.entity.start));
    switch (m.kind) {
      case 'number': {
        const value = m.entity.value ?? parseNumbers(text)[0];
        const digits = /\d[\d,.]*\d|\d/.exec(text)?.[0] ?? '';
        // `in 1082`, `February 1082`: a year, asked and offered as a year.
        if (
          value !== undefined &&
          /^1\d{3}$|^20\d{2}$/.test(digits) &&
          /^\D*\d{4}$/.test(text) &&
          !measured &&
          !MEASURE_AFTER.test(m.passage.text.slice(m.entity.end)) &&
          (!m.entity.unit ||
            /^(?:[A-Z](?![A-Z])|in|by|and|when)/.test(m.entity.unit) ||
            // `the French Confession of 1559 shows`, `the Pico Act of 1859`: a name's year.
            /\p{Lu}\p{Ll}+\s+of\s+$/u.test(m.passage.text.slice(0, m.entity.start)))
        ) {
          out.push({ ...m, kind: 'date', key: `date:${digits}` });
          continue;
        }
        const after = m.passage.text.slice(m.entity.end);
        const before = m.passage.text.slice(0, m.entity.start);
        if (value === undefined || !(m.entity.unit || /^\s*(?:%|percent\b)/.test(after) || /[$€£¥]\s*$/.test(before))) continue;
        out.push(m);
        continue;
      }
      case 'date':
        if (measured && /^\d{4}$/.test(text.trim())) continue;
        // A duration (`over 2000 years`) or a range (`between 1402 and 1405`) is not a date to guess.
        if (
          /\b(?:years?|ago|days?|weeks?|months?|centur(?:y|ies)|decades?|between)\b/i.test(text) ||
          (text.match(/\d{3,4}/g) ?? []).length > 1
        )
          continue;
        // `1500 °C`, `1800 RPM`: a measure, not a year.
        if (MEASURE_AFTER.test(m.passage.text.slice(m.entity.end))) continue;
        if (/\b(?:1\d{3}|20\d{2})\b/.test(text) || /\b\d{1,2}(?:st|nd|rd|th)?\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s+\d{1,2}\b/u.test(text))
          out.push(m);
        continue;
      case 'person':
        {
          // `Evroul Abbey`, `Ajv Open Collective`: a place or a body, not a person.
          const last = text.split(/\s+/).pop()!.toLowerCase();
          // `Public Health England`, `Jacksonville Story`: a word the knowledge names as a place, unless a title says a person.
          const placeWord =
            answerWords(text).some((w) => COUNTRY_NAMES.has(w) || KNOWN_PLACES.has(w) || (!titledKeys.has(m.key) && placeTexts.has(w))) ||
            placeTexts.has(normalizeAnswer(text));
          // A lone name is a blank only as a surname (`Nakatani`), not as the first word of a longer name (`Jurchen` of `Jurchen Jin`).
          // A lone name needs a title or a verb of its own: `Harvard crew` is not John Harvard.
          if (!text.includes(' ') && (!m.key.endsWith(` ${normalizeAnswer(text)}`) || !(personHere.has(m) || titledKeys.has(m.key))))
            continue;
          if (
            personKeys.has(m.key) &&
            !things.has(m.key) &&
            isProperName(text) &&
            !placeWord &&
            !PLACE_WORDS.has(last) &&
            !ORGANIZATION_WORDS.has(last) &&
            !NOT_PEOPLE.has(last) &&
            !TITLE_WORDS.has(last)
          )
            out.push(m);
          continue;
        }
        continue;
      case 'organization':
        // `the Russian Federation`: a country by one of its names, not a body among bodies.
        if (COUNTRY_NAMES.has(normalizeAnswer(text))) continue;
        // `the Soviet Union`: a state, asked among countries.
        if (FORMER_STATES.has(normalizeAnswer(text))) {
          out.push({ ...m, kind: 'place', key: `name:${normalizeAnswer(text)}` });
          continue;
        }
        // A body names itself as one (`Federal Energy Office`, `Organization of Arab …`): `Foundation Staff`, `Command Line Interface` do not.
        if (
          (isProperName(text) || /\bU\.?S\.?\b/.test(text)) &&
          answerWords(text).some((w) => ORGANIZATION_WORDS.has(w)) &&
          !NOT_BODIES.has(answerWords(text).pop()!) &&
          // `Director of Argonne National Laboratory`: a post, not a body.
          !(TITLE_WORDS.has(answerWords(text)[0]!) && answerWords(text)[1] === 'of') &&
          !commonKeys.has(m.key)
        )
          out.push(m);
        continue;
      case 'place': {
        const words = answerWords(text);
        const folded = words.join(' ');
        if (softwareKeys.has(m.key)) continue;
        if (
          COUNTRY_NAMES.has(folded) ||
          KNOWN_PLACES.has(folded) ||
          (words.length >= 2 && PLACE_WORDS.has(words[words.length - 1]!) && isProperName(text) && !everydayPlace(text, placeTexts))
        )
          out.push(m);
        continue;
      }
      case 'acronym':
        if (acronyms.has(text) && !isGenericAcronym(text)) out.push(m);
        continue;
      case 'quote':
        // Someone's words of two or more (`war-fighting headquarters`), not a term in quotes (`"version"`).
        // A quote says something: not only `on the`.
        if (
          SPEECH.test(m.passage.text) &&
          /^[\p{L}' -]+$/u.test(text) &&
          /\p{Ll}/u.test(text) &&
          text.split(/[\s-]+/).length >= 2 &&
          text.split(/[\s-]+/).some((w) => !STOP_WORDS.has(w.toLowerCase()))
        )
          out.push(m);
        continue;
      default:
        continue;
    }
  }
  return out;
}

/**
 * Person names the knowledge shows to be things, not people (unless it names them with a title somewhere):
 * written after an article (`The Social Charter declares …`), named an organisation elsewhere, or ending
 * in a word the same file uses in lower case (`Virgin Media` beside `the media`): a person's name has the
 * shape of a personal name, and an everyday noun is not a surname there.
 */
function thingKeys(mentions: Mention[], passages: Passage[], titledKeys: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const organizations = new Set(mentions.filter((m) => m.kind === 'organization').map((m) => normalizeAnswer(m.entity.text)));
  const lastWords = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (m.kind !== 'person' || titledKeys.has(m.key)) continue;
    const text = m.entity.text;
    if (/\b(?:the|a|an)\s+$/i.test(m.passage.text.slice(0, m.entity.start)) || organizations.has(normalizeAnswer(text))) out.add(m.key);
    const last = text.split(/\s+/).pop()!;
    if (text.includes(' ') && /^\p{Lu}\p{Ll}{2,}$/u.test(last)) {
      const set = lastWords.get(m.passage.file) ?? new Set<string>();
      set.add(last.toLowerCase());
      lastWords.set(m.passage.file, set);
    }
  }
  if (lastWords.size === 0) return out;
  const lowerInFile = new Map<string, Set<string>>();
  for (const p of passages) {
    const wanted = lastWords.get(p.file);
    if (!wanted) continue;
    const found = lowerInFile.get(p.file) ?? new Set<string>();
    for (const w of p.text.match(/(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu) ?? []) if (wanted.has(w)) found.add(w);
    lowerInFile.set(p.file, found);
  }
  for (const m of mentions) {
    if (m.kind !== 'person' || titledKeys.has(m.key) || !m.entity.text.includes(' ')) continue;
    const last = m.entity.text.split(/\s+/).pop()!.toLowerCase();
    if (lowerInFile.get(m.passage.file)?.has(last)) out.add(m.key);
  }
  return out;
}

/** Words that open a noun phrase, never a name. */
const DETERMINERS = new Set(
  'several many some most all both each every few other another these those this that such no any various numerous'.split(' '),
);

/**
 * A town or a land named only with everyday words before its place word (`The Second City` troupe, `Member States`,
 * `Central Region`): a nickname or a common noun, not a place's name (seas and rivers keep theirs: `Black Sea`; a word
 * the knowledge names as a place on its own keeps it too: `Florida Territory`).
 */
function everydayPlace(text: string, placeTexts: ReadonlySet<string>): boolean {
  const words = answerWords(text);
  const type = placeType(text);
  return (
    (type === 'settlement' || type === 'site') &&
    words
      .slice(0, -1)
      .every((w) => (spokenRankOf(w) ?? Infinity) < EVERYDAY_RANK && !COUNTRY_NAMES.has(w) && !KNOWN_PLACES.has(w) && !placeTexts.has(w))
  );
}

/** Capitalised words (`Pete Hegseth`, `East China Sea`), not code or shouting. */
function isProperName(text: string): boolean {
  const words = text.split(/\s+/);
  // `Westfalen the Court of Justice`: two names run together, not one (`Court of the Rings` is one).
  if (words.some((w, i) => w === 'the' && i > 0 && !/^(?:of|for|and|on|in|at|to)$/.test(words[i - 1]!))) return false;
  // `Several University of Chicago (professors)`: a sentence's first word run into the name.
  if (DETERMINERS.has(words[0]!.toLowerCase())) return false;
  return (
    /^\p{Lu}/u.test(text) &&
    words.every((w) => /^(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.(?:\p{Lu}\.)*|of|the|and|de|la|du|von|van|del|da)$/u.test(w)) &&
    !words.some((w) => ORGANIZATION_WORDS.has(w.toLowerCase()) && words.length === 1)
  );
}

/** Every way the knowledge names each thing, longest first. */
function groupNames(mentions: Mention[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const m of mentions) {
    const list = names.get(m.key) ?? [];
    const text = cleanName(m.entity.text);
    if (!list.some((t) => normalizeAnswer(t) === normalizeAnswer(text))) list.push(text);
    names.set(m.key, list);
  }
  for (const list of names.values()) list.sort((a, b) => b.length - a.length);
  return names;
}

function cleanName(text: string): string {
  return text.replace(/^(the|a|an)\s+/i, '').trim();
}

/**
 * What each file is about, as `file\nkey`: the name its title gives (`Addis Ababa.txt`, a page titled Archimedes),
 * and the place or body it names in the most sentences (at least `MIN_SUBJECT_MENTIONS` and `MIN_SUBJECT_SHARE` of them, more than any other).
 */
function pageSubjects(passages: Passage[], mentions: Mention[]): Set<string> {
  const out = new Set<string>();
  const sentences = new Map<string, Map<string, Set<string>>>();
  for (const m of mentions) {
    if (normalizeAnswer(m.entity.text) === normalizeAnswer(m.passage.title) && m.kind !== 'number' && m.kind !== 'date')
      out.add(`${m.passage.file}\n${m.key}`);
    if (m.kind !== 'place' && m.kind !== 'organization') continue;
    const perKey = sentences.get(m.passage.file) ?? new Map<string, Set<string>>();
    sentences.set(m.passage.file, perKey);
    perKey.set(m.key, (perKey.get(m.key) ?? new Set<string>()).add(m.passage.id));
  }
  const perFile = new Map<string, number>();
  for (const p of passages) perFile.set(p.file, (perFile.get(p.file) ?? 0) + 1);
  for (const [file, perKey] of sentences) {
    const [first, second] = [...perKey].map(([key, ids]) => [key, ids.size] as const).sort((a, b) => b[1] - a[1]);
    const enough = Math.max(MIN_SUBJECT_MENTIONS, MIN_SUBJECT_SHARE * (perFile.get(file) ?? 0));
    if (first && first[1] >= enough && first[1] > (second?.[1] ?? 0)) out.add(`${file}\n${first[0]}`);
  }
  return out;
}

/** Significant digits of a figure (`628,984` → 6, `18,000` → 2, `1.5` → 2). */
function significantDigits(text: string): number {
  const digits = text.replace(/[^\d.]/g, '');
  const whole = digits.includes('.') ? digits.replace('.', '') : digits.replace(/0+$/, '');
  return whole.replace(/^0+/, '').length;
}

/** Share of each file's sentences that mention each key. */
function shares(passages: Passage[], mentions: Mention[]): Map<string, number> {
  const perFile = new Map<string, number>();
  for (const p of passages) perFile.set(p.file, (perFile.get(p.file) ?? 0) + 1);
  const seen = new Map<string, Set<string>>();
  for (const m of mentions) {
    const k = `${m.passage.file}\n${m.key}`;
    const set = seen.get(k) ?? new Set<string>();
    set.add(m.passage.id);
    seen.set(k, set);
  }
  const out = new Map<string, number>();
  for (const [k, set] of seen) {
    const total = perFile.get(k.split('\n')[0]!) ?? 1;
    out.set(k, total >= 6 ? set.size / total : 0);
  }
  return out;
}

/**
 * True when a name's blank is cut from a longer name: an everyday word in the possessive right before it
 * (`the Children's _____`; not a title, `Sir _____`, nor an owner, `the UK's _____`), or a body's word right after it
 * (`the _____ Hospital`), or the town after a body's name and a comma (`Magdalen College, _____ to elect`).
 */
function partOfLongerName(text: string, span: { start: number; end: number }, kind: QuestionKind): boolean {
  if (kind !== 'organization' && kind !== 'place' && kind !== 'person') return false;
  const before = /(\p{Lu}[\p{L}'’.-]*)\s+$/u.exec(text.slice(0, span.start));
  const after = /^\s+(\p{Lu}[\p{L}'’-]*)/u.exec(text.slice(span.end));
  // `the Great and _____` (the Great and General Court): a body's name begun by an everyday capitalised word and `and`.
  const joined = /(?<=\S\s)(\p{Lu}\p{Ll}+) and\s+$/u.exec(text.slice(0, span.start));
  // `the Export and _____` (the Export and Import Bank of China): one capitalised word after `the` is no name of its own.
  const article = /\bthe (\p{Lu}\p{Ll}+) and\s+$/u.exec(text.slice(0, span.start));
  if (
    kind === 'organization' &&
    joined &&
    ((spokenRankOf(joined[1]!) ?? Infinity) < EVERYDAY_RANK || article) &&
    !COUNTRY_NAMES.has(joined[1]!.toLowerCase()) &&
    !KNOWN_PLACES.has(joined[1]!.toLowerCase())
  )
    return true;
  const title = before && TITLE_WORDS.has(before[1]!.replace(/\.$/, '').toLowerCase());
  const opens = before && text.slice(0, span.start).trim() === before[1];
  // `Children's` is a word of the name; `the UK's`, `Napoleon's` name an owner.
  const owner = before?.[1]!.replace(/['’]s?$/, '').toLowerCase() ?? '';
  const wordOfName =
    !!before &&
    !title &&
    !opens &&
    /['’]s?$/.test(before[1]!) &&
    (spokenRankOf(owner) ?? Infinity) < EVERYDAY_RANK &&
    !COUNTRY_NAMES.has(owner);
  // `the fellows of Magdalen College, _____ to elect`: a body's word and a comma before, no comma after — its town.
  const bodyComma = /(\p{Lu}[\p{L}'’-]*),\s+$/u.exec(text.slice(0, span.start));
  const town = !!bodyComma && ORGANIZATION_WORDS.has(bodyComma[1]!.toLowerCase()) && /^\s+\p{Ll}/u.test(text.slice(span.end));
  return wordOfName || town || (!!after && ORGANIZATION_WORDS.has(after[1]!.toLowerCase()));
}

/**
 * True when the words around a name's blank show it: its initials (`DECnet` for Digital Equipment Corporation,
 * `(NPL)` for the National Physical Laboratory), or a town right before a country (`in Florence, _____`).
 */
function shownAround(text: string, span: { start: number; end: number }, kind: QuestionKind, name: string): boolean {
  if (kind !== 'organization' && kind !== 'place' && kind !== 'person') return false;
  const rest = `${text.slice(0, span.start)} ${text.slice(span.end)}`;
  const initials = name
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  if (initials.length >= 2 && new RegExp(`(?<![\\p{L}])${initials}`, 'u').test(rest)) return true;
  return (
    kind === 'place' &&
    COUNTRY_NAMES.has(normalizeAnswer(name)) &&
    /\b(?:in|at|of|from|near)\s+\p{Lu}\p{L}+,\s*$/u.test(text.slice(0, span.start)) &&
    /^\s*[,.;)]/.test(text.slice(span.end))
  );
}

/** A body's name used as an adjective (`a national _____ study`, `The two _____ bases`): the blank reads as a word, not a name. */
function modifierBlank(text: string, span: { start: number; end: number }, kind: QuestionKind): boolean {
  return (
    kind === 'organization' &&
    /\b(?:a|an|two|three|four|five|several|many|some)\s+(?:\p{Ll}+\s+)?$/iu.test(text.slice(0, span.start)) &&
    /^\s+\p{Ll}/u.test(text.slice(span.end))
  );
}

/** The span of the text to blank out for an entity, or null when it makes no good blank. */
function blankSpan(text: string, entity: Entity, kind: QuestionKind): { start: number; end: number } | null {
  let { start, end } = entity;
  // `Norman Cantor (2001)`: an aside or a citation, not the sentence's fact.
  if (/\(\s*$/.test(text.slice(0, start)) && /^\s*\)/.test(text.slice(end))) return null;
  switch (kind) {
    case 'number': {
      const digits = /\d[\d,.]*\d|\d/.exec(entity.text);
      if (!digits) return null;
      start = entity.start + digits.index;
      end = start + digits[0].length;
      // `SM-6`, `F-35`: part of a name, not a quantity.
      if (/[\p{L}][-‐‑]$/u.test(text.slice(0, start))) return null;
      // `the GCC 4.9.`, `in future 12.`: a version or a bare number ending the sentence counts nothing.
      // (The unit must follow in the sentence: `12.x` cut at its dot has none.)
      const counts = entity.unit !== undefined && text.slice(end).toLowerCase().includes(entity.unit.toLowerCase());
      if (!counts && /^[\s.!?"”)]*$/.test(text.slice(end))) return null;
      if (/\p{Lu}[\p{L}.]*\s$/u.test(text.slice(0, start))) return null;
      // `ECMA262 edition 5.1`, `section 11`: a version or a place in a document, not a quantity.
      if (/\b(?:edition|version|section|chapter|release|revision|part|step|level|phase|rfc)\s+$/i.test(text.slice(0, start))) return null;
      // `the article 36 justification`, `paragraph 2`: a place in a law, not a quantity.
      if (/\b(?:articles?|paragraph|clause|amendment|page|route|no\.?|number)\s+$/i.test(text.slice(0, start))) return null;
      break;
    }
    case 'date': {
      if (/^\d{4}$/.test(entity.text.trim()) || (/^\d{4}$/.test((/\d{4}/.exec(entity.text) ?? [''])[0]) && !/\p{L}/u.test(entity.text))) {
        const year = /\d{4}/.exec(entity.text)!;
        start = entity.start + year.index;
        end = start + 4;
      }
      const prefix = /\b(?:late|early|mid)[-‐‑]$/i.exec(text.slice(0, start));
      if (prefix) start -= prefix[0].length;
      // `around 1712`: the date, not how sure the text is; `(spring) of 1753`: the year, not its preposition.
      const hedge = /^(?:(?:around|about|circa|c\.|approximately|roughly|autumn|spring|summer|winter)\s+)?(?:of\s+)?/i.exec(
        text.slice(start, end),
      );
      if (hedge) start += hedge[0].length;
      break;
    }
    case 'acronym':
      // `medium-range air to air missiles (MRAAM)`: the words before give it away.
      if (text[start - 1] === '(') return null;
      break;
    case 'quote':
      break;
    default: {
      // `Governor Robert Dinwiddie of Virginia`: the person, not where they governed.
      if (kind === 'person') {
        const of = / of \p{Lu}/u.exec(text.slice(start, end));
        if (of) end = start + of.index;
      }
      if (/\bThe $/.test(text.slice(0, start))) start -= 4;
      const defined = /^ \(([A-Z][A-Za-z0-9-]{1,9})\)/.exec(text.slice(end));
      if (defined) end += defined[0].length;
      // Inside parentheses (`The Normans (Norman: Nourmands; …)`): an aside, not the sentence's fact.
      const open = text.lastIndexOf('(', start);
      if (open >= 0 && text.indexOf(')', open) >= end) return null;
      // `Museum of Hunting and Riding`: the name may go on past `and`.
      if (/^ and \p{Lu}/u.test(text.slice(end)) && /\b(?:of|for)\b/.test(entity.text)) return null;
    }
  }
  return { start, end };
}

/** The questions one mention gives in its (self-contained) sentence: the real question form first, then the cloze. */
function makeQuestions(
  m: Mention,
  sentence: { text: string; shift: number; replaced: number },
  mentions: Mention[],
  known: { all: Map<string, string[]>; evident: Map<string, string[]> },
  acronyms: Map<string, string>,
  sharePerFile: Map<string, number>,
): GeneratedQuestion[] {
  const names = known.all;
  const { passage, kind } = m;
  if (m.entity.start < sentence.replaced) return [];
  const entity = { ...m.entity, start: m.entity.start + sentence.shift, end: m.entity.end + sentence.shift };
  if ((sharePerFile.get(`${passage.file}\n${m.key}`) ?? 0) > MAX_SHARE) return [];
  const span = blankSpan(sentence.text, entity, kind);
  if (
    !span ||
    partOfLongerName(sentence.text, span, kind) ||
    modifierBlank(sentence.text, span, kind) ||
    shownAround(sentence.text, span, kind, m.entity.text)
  )
    return [];
  const blanked = sentence.text.slice(span.start, span.end).trim();
  const cloze = `${sentence.text.slice(0, span.start)}${BLANK}${sentence.text.slice(span.end)}`.replace(/\s+/g, ' ').trim();
  // `_____ was established in 1816.`: too little said around the blank for one answer.
  if (answerWords(cloze.replace(BLANK, ' ')).length < MIN_CONTEXT_WORDS) return [];

  const answer = kind === 'number' || kind === 'date' || kind === 'quote' ? blanked : cleanName(blanked.replace(/\s*\([^)]*\)$/, ''));
  if (answerKey(answer).length === 0 || answer.length < 2 || isCodeLike(answer)) return [];
  const accepted = acceptedForms(kind, answer, blanked, names.get(m.key) ?? [], acronyms, names);

  // The answer, or any accepted form of it, must not be in the prompt, nor be given away by it.
  const forms = [answer, ...accepted];
  if (kind === 'person') forms.push(...forms.map((f) => f.split(/\s+/).pop()!));
  if (blankRules(cloze, BLANK, forms, kind).length > 0) return [];

  const sameKind = mentions.filter((o) => o.kind === kind && o.key !== m.key);
  const rivals = [...new Set(sameKind.flatMap((o) => names.get(o.key) ?? []))];
  const candidates = choiceCandidates(m, answer, cloze, sameKind, known.evident);
  const base = {
    origin: 'generated' as const,
    answer,
    accepted,
    kind,
    rivals,
    explanation: null,
    ...fromPassage(passage),
    fact: m.key,
    cloze,
  };
  const clozeId = `g-${shortId(`${passage.id}|${normalizeAnswer(answer)}`)}`;
  // `the _____ islands`: the blank is a name that goes with the noun after it; other places do not (`the Latvia islands`).
  const qualifies = kind === 'place' && PLACE_WORDS.has(/^\s+(\p{Ll}+)/u.exec(cloze.slice(cloze.indexOf(BLANK) + BLANK.length))?.[1] ?? '');
  // `by _____`, `over _____ million images`: the wrong choices lie where the sentence is false with them.
  const wrong = qualifies ? null : pickWrongChoices(answer, kind, candidates, createRandom(clozeId), 3, answerBound(cloze, kind));
  const quality = KIND_QUALITY[kind] + (wrong ? 1 : 0);
  // `_____ housing units` → 628,984: an exact figure is recognised among choices, not typed.
  const exact = kind === 'number' && significantDigits(answer) > MAX_TYPED_DIGITS;
  if (exact && !wrong) return [];
  const out: GeneratedQuestion[] = [];
  const asked = asQuestion(cloze, kind, answer, entity);
  if (asked) {
    // `… to which ocean?`: every choice must be an ocean, or the question is free text.
    const noun = /\bwhich (\p{L}+)\b/u.exec(asked)?.[1];
    const last = answerKey(answer).pop();
    const fits =
      !wrong || !noun || noun === 'country' || noun === 'organisation' || noun !== last || wrong.every((w) => answerKey(w).pop() === last);
    out.push({
      ...base,
      id: `g-${shortId(`${passage.id}|${normalizeAnswer(answer)}|q`)}`,
      prompt: asked,
      wrong: fits ? wrong : null,
      quality: quality + QUESTION_FORM_BONUS - (fits ? 0 : 1),
      ...(exact ? { choicesOnly: true } : {}),
    });
  }
  out.push({ ...base, id: clozeId, prompt: cloze, wrong, quality, ...(exact ? { choicesOnly: true } : {}) });
  return exact ? out.filter((q) => q.wrong) : out;
}

/**
 * Other ways to say the answer, checked against the knowledge: the blank as written, other names
 * of the same thing, an acronym's expansion, a place without `Islands` (`Senkanku`), but not a
 * shortening that names another thing (`East China` is not `East China Sea`).
 */
function acceptedForms(
  kind: QuestionKind,
  answer: string,
  blanked: string,
  own: string[],
  acronyms: Map<string, string>,
  names: Map<string, string[]>,
): string[] {
  if (kind === 'number' || kind === 'date') return [];
  const out = new Set<string>();
  if (kind !== 'quote') {
    out.add(blanked);
    for (const n of own) out.add(n);
    const defined = /\(([^)]+)\)$/.exec(blanked);
    if (defined) out.add(defined[1]!);
    const long = acronyms.get(answer);
    if (long) out.add(long);
    for (const [short, l] of acronyms) if (normalizeAnswer(l) === normalizeAnswer(answer)) out.add(short);
  }
  if (kind === 'place') {
    const words = answer.split(/\s+/);
    const shorter = words.slice(0, -1).join(' ');
    const namesOther = (text: string) =>
      COUNTRY_NAMES.has(normalizeAnswer(text)) ||
      KNOWN_PLACES.has(normalizeAnswer(text)) ||
      answerWords(text).some((w) => COUNTRY_NAMES.has(w)) ||
      [...names.values()].some((list) => list !== own && list.some((n) => normalizeAnswer(n) === normalizeAnswer(text)));
    // `Senkanku` for the Senkanku Islands, but not `Market` for Market Square.
    const everyday = words.length === 2 && (spokenRankOf(shorter) ?? Infinity) < EVERYDAY_RANK;
    // Only a natural feature's own name (`Senkanku`, `Mojave`): not `Huguenot Memorial` for a bridge, `Naval Submarine Base Kings`.
    const last = words[words.length - 1]!.toLowerCase();
    const feature = WATER.has(last) || LAND.has(last) || last === 'county';
    if (words.length >= 2 && words.length <= 3 && feature && !namesOther(shorter) && !everyday) out.add(shorter);
  }
  out.delete(answer);
  // A person by a name that shares a word with the answer (`Chopin`, `Frédéric Chopin`), not `Virginia` of `Robert Dinwiddie of Virginia`.
  if (kind === 'person') {
    const words = new Set(answerKey(answer));
    for (const f of out) if (!answerKey(f).some((w) => words.has(w)) || / of /.test(f)) out.delete(f);
  }
  // `of State Henry Kissinger`: a name cut from a title is no way to say it.
  return [...out].filter(
    (f) =>
      normalizeAnswer(f) !== normalizeAnswer(answer) &&
      normalizeAnswer(f) !== '' &&
      !(kind !== 'quote' && /^(?:of|and|for|to|in)\s/.test(f)) &&
      // `Several University of Chicago`: a sentence's first word run into the name.
      !DETERMINERS.has(f.split(/\s+/)[0]!.toLowerCase()),
  );
}

/** Same-kind phrases for wrong choices: not named in the prompt, of the same shape and, for numbers and years, in a plausible range; most alike first. */
function choiceCandidates(m: Mention, answer: string, prompt: string, sameKind: Mention[], names: Map<string, string[]>): Candidate[] {
  const { kind } = m;
  const promptWords = answerWords(prompt);
  const answerIsCountry = COUNTRY_NAMES.has(normalizeAnswer(answer));
  const answerLast = answerKey(answer).pop();
  const [value] = parseNumbers(answer);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const o of sameKind) {
    if (seen.has(o.key)) continue;
    seen.add(o.key);
    const all = names.get(o.key) ?? [];
    if (all.some((n) => indexOfWords(promptWords, answerKey(n)) >= 0)) continue;
    let text = all[0] ?? o.entity.text;
    let likeness = 0;
    // `PKI` is offered beside `CSR`, not beside `Technical Steering Committee`: the choice written as the answer is.
    if (kind === 'acronym') {
      // `TSC` (… Committee) among committees, not beside `RHEL` (… Linux): the expansions end in the same word.
      if (o.key.split(' ').pop() !== m.key.split(' ').pop()) continue;
      const short = all.find((n) => /^[\p{Lu}\d.&-]+$/u.test(n) === /^[\p{Lu}\d.&-]+$/u.test(answer));
      if (!short) continue;
      text = short;
    }
    // A body for a body of the same sort: a committee for a committee, not `High Court` or `Premier League`.
    if (kind === 'organization' && organizationSort(text) !== organizationSort(answer)) continue;
    if (kind === 'person') {
      // Same shape: a surname for a surname (`Wilson` → Heath, not `Edward Heath`), a full name for a full name.
      if (!answer.includes(' ')) text = text.split(/\s+/).pop()!;
      else if (!text.includes(' ')) continue;
    }
    if (kind === 'number') {
      const digits = /\d[\d,.]*\d|\d/.exec(o.entity.text);
      if (!digits || value === undefined) continue;
      text = digits[0];
      const [v] = parseNumbers(text);
      // Another count of the same thing, within a plausible range: `75,000` troops, not `1.5` or `2,700,000`.
      if (v === undefined || o.entity.unit === undefined || singular(o.entity.unit) !== singular(m.entity.unit ?? '')) continue;
      if (v > value * NUMBER_RANGE || v < value / NUMBER_RANGE || /\.\d/.test(text) !== /\.\d/.test(answer)) continue;
      likeness = 1;
    } else if (kind === 'date') {
      const shape = (s: string) => s.replace(/\d/g, '0').replace(/\p{L}+/gu, (w) => (MONTH.test(w) ? 'm' : 'a'));
      if (shape(text) !== shape(answer)) {
        // A year-only answer can use the years of other dates.
        const year = /\b\d{4}\b/.exec(text);
        if (!/^\d{4}$/.test(answer) || !year) continue;
        text = year[0];
      }
      // `July 1944`: not `February 1999` — other years within range, nearest first.
      const answerYear = /\b\d{4}\b/.exec(answer)?.[0];
      const year = /\b\d{4}\b/.exec(text)?.[0];
      if (answerYear && year) {
        const distance = Math.abs(Number(year) - Number(answerYear));
        if (distance > YEAR_RANGE) continue;
        likeness = -distance;
      }
    } else {
      // A country for a country, a sea for a sea, a city for a city: `defense posture on the America` gives itself away.
      if (kind === 'place' && placeType(text) !== placeType(answer)) continue;
      if (COUNTRY_NAMES.has(normalizeAnswer(text)) === answerIsCountry) likeness += 2;
      // `which basin`: the choices are basins.
      if (answerKey(text).pop() === answerLast) likeness += 3;
      if (o.passage.file === m.passage.file) likeness += 1;
      if (answerKey(text).length === answerKey(answer).length) likeness += 1;
    }
    out.push({ key: o.key, text, likeness });
  }
  if (kind === 'place') out.push(...regionCandidates(answer, promptWords));
  return out;
}

/** Sorts of bodies by the word that makes a name one (`Select Committee` and `Conciliation Committee` are councils). */
const ORGANIZATION_SORTS: Record<string, string> = Object.fromEntries(
  Object.entries({
    military: 'army navy forces force corps command',
    education: 'university college school academy institute',
    government: 'department ministry agency office bureau administration authority service services government cabinet',
    council: 'council committee commission board',
    legislature: 'parliament congress senate assembly',
    court: 'court',
    party: 'party',
    business: 'company corporation corp inc ltd llc plc bank airlines airways broadcasting network',
    church: 'church',
    // `Soviet Union`, `Asante Union`, `Russian Federation`: unions of states or peoples, not a society beside them.
    union: 'union federation confederation',
    society: 'association league society foundation club team group organization organisation',
    media: 'times press post journal news herald tribune guardian gazette reuters',
    institution: 'museum library hospital laboratory laboratories',
  }).flatMap(([sort, words]) => words.split(' ').map((w) => [w, sort])),
);

/**
 * The sort of a body, from the last word of its name that makes it one; undefined when none does. A union names one
 * only as its head (`Soviet Union`, `Federation of Australia`; not `Union Pacific Railroad`, `European Union Treaties`).
 */
function organizationSort(name: string): string | undefined {
  const words = answerWords(name);
  for (let i = words.length - 1; i >= 0; i--) {
    const sort = Object.hasOwn(ORGANIZATION_SORTS, words[i]!) ? ORGANIZATION_SORTS[words[i]!] : undefined;
    if (sort === 'union' && i < words.length - 1 && words[i + 1] !== 'of') continue;
    if (sort) return sort;
  }
  return undefined;
}

/**
 * A country's or a capital's neighbours in the world's atlas, after every place of the knowledge:
 * other countries (capitals) of the same subregion (`Tokyo` → Seoul, Beijing), none named in the prompt.
 * A one-article knowledge rarely names three countries the prompt does not.
 */
function regionCandidates(answer: string, promptWords: string[]): Candidate[] {
  const country = COUNTRY_NAMES.get(normalizeAnswer(answer)) ?? COUNTRY_NAMES.get(answerWords(answer).join(''));
  const at = REGION_OF.get(normalizeAnswer(country?.name ?? answer));
  const region = at && REGIONS.get(at.region);
  if (!at || !region) return [];
  return (at.capital ? region.capitals : region.countries)
    .filter((name) => indexOfWords(promptWords, answerKey(name)) < 0)
    .map((name) => {
      const c = COUNTRY_NAMES.get(normalizeAnswer(name));
      return { key: `name:${c ? c.term : normalizeAnswer(name)}`, text: name, likeness: REGION_LIKENESS };
    });
}

const WATER = new Set([
  'sea',
  'ocean',
  'river',
  'lake',
  'bay',
  'strait',
  'gulf',
  'canal',
  'channel',
  'falls',
  'delta',
  'basin',
  'harbor',
  'harbour',
]);
const LAND = new Set([
  'islands',
  'island',
  'isles',
  'mountains',
  'mountain',
  'mount',
  'mt',
  'peninsula',
  'desert',
  'coast',
  'valley',
  'forest',
  'hills',
  'hill',
  'cape',
  'archipelago',
  'plateau',
  'park',
]);

/** Places in a town, not towns (`Soho Square` is no choice beside `Paris`, `Bole International Airport` none beside a city). */
const SITES = new Set(['street', 'avenue', 'road', 'square', 'bridge', 'district', 'airport', 'station']);

/** What sort of place a name is: a country, water, land, a site in a town, or a settlement (a city, a region). */
function placeType(name: string): 'country' | 'water' | 'land' | 'site' | 'settlement' {
  if (COUNTRY_NAMES.has(normalizeAnswer(name)) || FORMER_STATES.has(normalizeAnswer(name))) return 'country';
  const last = answerWords(name).pop() ?? '';
  return WATER.has(last) ? 'water' : LAND.has(last) ? 'land' : SITES.has(last) ? 'site' : 'settlement';
}

const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

function singular(word: string): string {
  return word.toLowerCase().replace(/(?:es|s)$/, '');
}
