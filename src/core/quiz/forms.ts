/**
 * How a blanked sentence is put to players: as a real question where the grammar allows (`Who
 * claims …?`, `… by what year?`, `… more than how many U.S. troops?`), and self-contained (a
 * sentence opening on `He` or `The islands` gets its subject from the sentences before it, or
 * is not used).
 */
import type { Entity, Passage } from '../knowledge/index.js';
import { COUNTRY_NAMES, ORGANIZATION_WORDS, PLACE_WORDS } from '../text/index.js';
import { normalizeAnswer } from './normalize.js';
import type { QuestionKind } from './question-model.js';
import { opensUnresolved } from './rules.js';

/** What replaces the answer in a prompt. */
export const BLANK = '_____';

/** `The <head>` at the start of a sentence names something said before (`The islands`, `The city`). */
const ANAPHORIC_HEADS = new Set(
  `city town village capital country nation state island islands region area province territory river sea lake mountain
  university college school company firm group organization organisation agency party government army navy war battle
  dynasty empire kingdom emperor king queen church species disease plague band team club library package project tool
  module framework engine machine museum ship treaty law act bill book article paper study report album film song novel
  system network server device program programme application app software process processing method approach benchmark
  test tests result results model version release feature product service pipeline fort colony settlement settlers
  expedition campaign crisis embargo plan scheme deal agreement governments court commission council committee parliament
  assembly ruling decision policy reform proposal fleet troops soldiers park neighborhood neighbourhood airport stadium
  station bridge building population industry sector chairman chairwoman president director mayor revelations site line`
    .split(/\s+/)
    .filter(Boolean),
);
/** Heads a reader knows without being told which (`In 1656, the plague killed …`). */
const KNOWN_HEADS = new Set(['plague', 'disease']);
/** `the city's population`: heads of owners a reader cannot guess (`the region's security` is the one the sentence is about). */
const OWNER_HEADS = new Set([
  'city',
  'town',
  'village',
  'colony',
  'settlement',
  'company',
  'firm',
  'school',
  'university',
  'college',
  'church',
  'band',
  'team',
  'club',
]);
/** Heads a file's title can stand for (`The city` in an article titled `Warsaw`). */
const TITLE_HEADS = new Set([
  'city',
  'town',
  'village',
  'capital',
  'country',
  'nation',
  'state',
  'island',
  'region',
  'province',
  'river',
  'university',
  'college',
  'school',
  'company',
  'dynasty',
  'empire',
  'library',
  'package',
  'project',
  'framework',
  'band',
  'team',
]);
/** The noun a quizmaster uses for an organisation by its last word (`which newspaper`). */
const ORGANIZATION_NOUNS: Record<string, string> = {
  times: 'newspaper',
  post: 'newspaper',
  journal: 'newspaper',
  herald: 'newspaper',
  tribune: 'newspaper',
  guardian: 'newspaper',
  gazette: 'newspaper',
  news: 'news outlet',
  press: 'news agency',
  reuters: 'news agency',
  corp: 'company',
  inc: 'company',
  ltd: 'company',
  llc: 'company',
  plc: 'company',
  corporation: 'company',
  forces: 'armed force',
  corps: 'corps',
  services: 'service',
  laboratories: 'laboratory',
  airways: 'airline',
  airlines: 'airline',
};
/** `Who said …`, not `Who crew is …`: after `who` comes a verb (a past or present form, or a common irregular one). */
const VERB_NEXT =
  /^\s+(?:also\s+)?(?:\p{Ll}+(?:ed|es|s)|was|is|has|had|did|does|became|led|won|wrote|made|took|gave|began|went|saw|met|built|told|said|fought|left|held|kept|ran|sent|sold|brought|bought|thought|taught|found|lost|chose|spoke|stood|rose|fell|drew|grew|knew|threw|became|could|would|will|can|may|might|must|should)\b/u;
const INTRODUCTORY =
  /^(?:In|By|On|At|After|Before|During|Since|Until|From|With|Without|Despite|Although|Though|When|While|As|For|Over|Under|Between|Of)\b/;
const PREPOSITIONS = /\b(?:by|with|to|for|from|of|against|under|over|about|on|at|than|like|before|after|between|among|toward|towards)\s+$/i;
const YEAR_PREPOSITIONS = /\b(?:in|by|since|until|till|from|before|after|of|around|circa|during|through|to)\s+$/i;

/** Connectives that only tie a sentence to the one before: the sentence says the same without them. */
const CONNECTIVE = /^(?:Finally|In addition|Additionally|Also|Moreover|Furthermore|Nonetheless|Nevertheless|Meanwhile|Indeed|In fact),\s+/;

/** A passage's text made self-contained, with how much its start moved; null when its subject cannot be resolved. */
export function selfContained(
  passage: Passage,
  byId: ReadonlyMap<string, Passage>,
  title: string,
): { text: string; shift: number; replaced: number } | null {
  // `Finally, …`: a connective to the sentence before, left out; the rest must stand alone.
  const connective = CONNECTIVE.exec(passage.text);
  if (connective) {
    const cut = connective[0].length;
    const rest = passage.text.slice(cut);
    const upper = rest.charAt(0).toUpperCase();
    const inner = selfContained({ ...passage, text: `${upper}${rest.slice(1)}` }, byId, title);
    if (!inner) return null;
    const changed = upper !== rest.charAt(0) ? 1 : 0;
    return { text: inner.text, shift: inner.shift - cut, replaced: cut + Math.max(inner.replaced, changed) };
  }
  const text = passage.text;
  const previous = passage.prev ? byId.get(passage.prev) : undefined;
  const pronoun = /^(He|She)\b(?!')/.exec(text);
  if (pronoun) {
    // `He` after a sentence naming one person is that person.
    const people = new Map<string, Entity>();
    for (const e of previous?.entities ?? []) if (e.kind === 'person') people.set(normalizeAnswer(e.text).split(' ').pop()!, e);
    if (people.size !== 1) return null;
    return replaceStart(text, pronoun[0].length, [...people.values()][0]!.text);
  }
  if (opensUnresolved(text)) return null;
  // `On October 1, 1968, the governments merged …`: the subject after an opening phrase is one said before.
  const subject = /^(?:[^,;]{1,40},\s+){1,2}the (\p{Ll}+)\s+(?!of\b|in\b|at\b|for\b|from\b|to\b)/u.exec(text);
  if (subject && ANAPHORIC_HEADS.has(subject[1]!) && !KNOWN_HEADS.has(subject[1]!)) return null;
  // `By 1700, one-fifth of the city's population …`: whose, the sentence does not say.
  const owner = /\bthe (\p{Ll}+)['’]s\b/u.exec(text);
  if (owner && OWNER_HEADS.has(owner[1]!)) return null;
  // `The city of Jacksonville …` names itself.
  const the = /^The (\p{Ll}+)\b(?!-| of \p{Lu})/u.exec(text);
  if (the && ANAPHORIC_HEADS.has(the[1]!)) {
    const head = the[1]!;
    const named = previous?.entities.find(
      (e) => e.kind !== 'quote' && (e.text.toLowerCase().endsWith(` ${head}`) || e.text.toLowerCase().endsWith(` ${head}s`)),
    );
    if (named) return replaceStart(text, the[0].length, `The ${named.text.replace(/^the /i, '')}`);
    const short = title.trim();
    if (TITLE_HEADS.has(head) && short.split(/\s+/).length <= 4 && /^\p{Lu}[\p{L} .'-]*$/u.test(short))
      return replaceStart(text, the[0].length, short);
    return null;
  }
  return { text, shift: 0, replaced: 0 };
}

function replaceStart(text: string, length: number, by: string): { text: string; shift: number; replaced: number } {
  return { text: `${by}${text.slice(length)}`, shift: by.length - length, replaced: length };
}

/**
 * The cloze as a real question, or null when a question form would read worse: the blank
 * becomes `who`, `which country`, `how many <unit>`, `what year` where it stands, and the
 * sentence ends with a question mark.
 */
export function asQuestion(cloze: string, kind: QuestionKind, answer: string, entity: Entity): string | null {
  const at = cloze.indexOf(BLANK);
  let before = cloze.slice(0, at);
  let after = cloze.slice(at + BLANK.length);
  if (!/[.!]$/.test(after.trim()) && after.trim() !== '') return null;
  const atStart = before.trim() === '';
  // `Syria and _____`, `the Victor Valley and the _____ with …`: one of several; `which country and Iran …?` reads badly.
  if (/(?:,|\band|\bor)\s+(?:the\s+)?$/.test(before) || /^\s*(?:,\s*\S|and\b|or\b)/.test(after)) return null;
  // `In 1466, perhaps 40,000 people died`: a question word in an opening phrase reads badly.
  if (!atStart && INTRODUCTORY.test(before) && ((!before.includes(',') && after.includes(',')) || /^\p{L}+\s*$/u.test(before))) return null;
  const atEnd = /^[\s.!]*$/.test(after);
  let wh: string | null = null;
  switch (kind) {
    case 'number': {
      if (/^\s*(?:%|percent\b)/.test(after)) {
        wh = 'what percentage';
        after = after.replace(/^\s*(?:%|percent\b)/, '');
      } else if (
        entity.unit &&
        /s$/.test(entity.unit) &&
        !/\b(?:the|a|an|its|their|his|her|our|of|some|every|each|per|±)\s*$/i.test(before) &&
        !/ss$/.test(entity.unit) &&
        !/[$€£¥]\s*$/.test(before) &&
        !/^\s*(?:million|billion|thousand|trillion|hundred)\b/i.test(after) &&
        !/^[.,]?\d/.test(after)
      ) {
        if (new RegExp(`^\\s+(?:[\\p{L}.-]+\\s+){0,2}${entity.unit}\\b`, 'u').test(after)) wh = 'how many';
      }
      break;
    }
    case 'date':
      if (/^\d{4}$/.test(answer) && YEAR_PREPOSITIONS.test(before)) wh = 'what year';
      else if (/\d/.test(answer) && /\p{L}/u.test(answer) && /\bon\s+$/i.test(before)) wh = 'what date';
      break;
    case 'person':
      if (atStart && VERB_NEXT.test(after)) {
        wh = 'who';
        after = after.replace(/^\s+also\b/, '');
      } else if (
        atEnd &&
        !/(?:\p{Lu}[\p{L}.]*|\b(?:general|king|queen|president|minister|emperor|pope|bishop|duke|count|secretary|leader))\s+$/u.test(before)
      )
        wh = PREPOSITIONS.test(before) ? 'whom' : 'who';
      break;
    case 'organization':
    case 'place': {
      if (!(atStart && /^\s+\p{Ll}/u.test(after)) && !atEnd) break;
      const noun = kindNoun(kind, answer);
      if (!noun) break;
      before = before.replace(/\bthe\s+$/i, '');
      // `… near which country?`, not `… the southeastern which country?`.
      if (
        !atStart &&
        !PREPOSITIONS.test(before) &&
        !/\b(?:in|into|across|around|near|toward|towards|through|within|inside|outside|along|via|leaving|entering|visited|visiting|reached|joined)\s+$/i.test(
          before,
        )
      )
        return null;
      wh = `which ${noun}`;
      break;
    }
    default:
      return null;
  }
  if (!wh) return null;
  const joined = `${before}${wh}${after}`.trim().replace(/\s*[.!]$/, '?');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** `which country`, `which islands`, `which newspaper`: the noun that names the answer's kind. */
function kindNoun(kind: QuestionKind, answer: string): string | null {
  const words = answer.toLowerCase().replace(/\./g, '').split(/\s+/);
  const last = words[words.length - 1]!;
  if (kind === 'place') {
    if (COUNTRY_NAMES.has(normalizeAnswer(answer))) return 'country';
    return words.length >= 2 && PLACE_WORDS.has(last) ? last : null;
  }
  if (ORGANIZATION_NOUNS[last]) return ORGANIZATION_NOUNS[last]!;
  return ORGANIZATION_WORDS.has(last) ? last : 'organisation';
}
