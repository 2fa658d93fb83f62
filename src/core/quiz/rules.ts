/**
 * The rules a quiz question must keep, as a quizmaster would check them: the generator drops a
 * question that breaks one, and `citebot quiz export --check` lists what each question breaks.
 */
import type { Passage } from '../knowledge/index.js';
import { demonymPlace, placeKey, STOP_WORDS, taggedWords } from '../text/index.js';
import spokenWords from '../text/spoken-words.json' with { type: 'json' };
import { answerKey, answerWords, indexOfWords, normalizeAnswer } from './normalize.js';
import { parseNumbers } from './numbers.js';
import type { Question } from './question-model.js';

/** A rule a question breaks, with a stable code. */
export type QuizRule =
  | 'markup'
  | 'url'
  | 'code'
  | 'not-a-sentence'
  | 'filler'
  | 'unresolved-subject'
  | 'answer-in-prompt'
  | 'gives-away'
  | 'attribution'
  | 'list-item'
  | 'example'
  | 'generic-acronym'
  | 'implausible-distractor'
  | 'also-right'
  | 'repeated-sentence'
  | 'shown-earlier'
  | 'no-subject'
  | 'version-year'
  | 'not-a-body'
  | 'weak-in-docs'
  | 'code-number'
  | 'example-date'
  | 'not-a-person';

/** What each rule means, for the check's report. */
export const RULE_TEXT: Record<QuizRule, string> = {
  markup: 'the prompt has Markdown or HTML left in it',
  url: 'the prompt or answer has a URL or an address',
  code: 'the prompt or answer has code, an identifier or a file name',
  'not-a-sentence': 'the prompt is not a whole sentence (a fragment, a list intro, too short or too long)',
  filler: 'the sentence says nothing worth asking (see also, licences, thanks, notes, release notes)',
  'unresolved-subject': 'the prompt opens with a subject a player cannot resolve (They, It, The islands)',
  'answer-in-prompt': 'the prompt shows the answer',
  'gives-away': 'the prompt gives the answer away (a unit conversion, a range, the answer inside another word)',
  attribution: 'the blank is only who reported it (according to …)',
  'list-item': 'the blank is one item of a list of three or more (any of them would fit) or part of a date',
  example: 'the blank is one example among others (for example, such as, including): another would fit as well',
  'generic-acronym': 'the answer is a generic acronym the knowledge does not define',
  'implausible-distractor': 'a wrong choice is not a plausible answer of the same kind',
  'also-right': 'a wrong choice is right too (`by 1962` is true when `by 1960` is, `over 5 million` when `over 10 million` is)',
  'repeated-sentence': 'an earlier question of the quiz asks about the same sentence',
  'shown-earlier': 'an earlier prompt of the quiz shows the answer',
  'no-subject':
    'in technical docs: the sentence has no subject or no verb (a reference entry, an instruction, a label), or speaks to the reader',
  'version-year': 'in technical docs: the year names a version (ECMAScript 2026, Windows Server 2003), not a date',
  'not-a-person': 'in technical docs: the answer or a wrong choice is a phrase of everyday words (Public License), not a name',
  'not-a-body':
    'in technical docs: the answer or a wrong choice is not named as a body (a Group, Committee, Team …), so organisations are guessed from words like Court or Service',
  'weak-in-docs':
    'in technical docs: the blank is not a strong kind (a body named as such, a number with its unit after it); a year, an acronym or a guessed name there is often a version, a label or a size',
  'code-number':
    'in technical docs: the number is a code or an identifier (an HTTP status, an error code, a port, a version), not a quantity',
  'example-date': 'in technical docs: the date belongs to an example (e.g., for example, a sample time), not a fact about the subject',
};

/** Shortest and longest prompt, in words: shorter lacks context, longer is a paragraph to read aloud. */
export const MIN_PROMPT_WORDS = 7;
export const MAX_PROMPT_WORDS = 35;
/** A question asked in words about a list or a definition (`Which flag enables debug logging?`) carries its context in its words: five are enough. */
export const MIN_ASKED_WORDS = 5;
/** Words among the commonest this many of spoken English say nothing on their own. */
const COMMON_RANK = 3000;
/** Wrong numbers further than this factor from the answer are easy to rule out. */
export const NUMBER_RANGE = 10;
/** Wrong years further than this from the answer's year are easy to rule out. */
export const YEAR_RANGE = 30;

const URL_RE = /\bhttps?:\/\/|\bwww\.|\b[\w-]+\.(?:com|org|net|io|dev|gov|edu)\b|\S+@\S+\.\w+/i;
const MARKUP_RE = /[`*#<>{}|\\[\]]|\]\(|^\s*[-+>]\s|_{2,}(?!_{3})|&\w+;/;
/** Code and identifiers: calls, paths, flags, operators, camelCase, snake_case, dotted names, file names, versions. */
const CODE_RES: RegExp[] = [
  /\w\(\)?|\(\)/,
  /(?:^|\s)(?:--?|\/|\.\/|~\/|\$|@|%)[\w-]/,
  /=>|===?|!==?|&&|\|\||[<>]=|[~^]\d|\+\+|::/,
  /\b\p{Ll}+\p{Lu}\w*/u,
  /\b\w+_\w+\b/,
  /\b\p{L}[\w-]*\.\p{Ll}[\w-]+\b/u,
  /\b[\w-]+\.(?:js|mjs|cjs|ts|tsx|jsx|json|md|ya?ml|txt|env|sh|py|html?|css|lock|toml|ini|cfg|conf|xml|c|h|cc|rs|go|rb|java)\b/i,
  /\bv?\d+\.\d+\.\d+/,
  /\b\d+(?:\.\d+)?[a-z]{2,}\b/,
  /=\s*\S/,
];
/** A product named like a file (`Node.js`, `Underscore.js`: capitalised) is a name, not code; `index.js`, `discord.js` are file names. */
export const PRODUCT_JS = /\b\p{Lu}\p{Ll}+\.js\b/gu;
/** A sentence opening on something said before it: `They`, `It`, `This`. */
const PRONOUN_START =
  /^(?:it|its|they|them|their|he|she|his|her|this|these|those|that|such|both|each|either|neither|another|the latter|the former|here|there|also|then|so|thus|which|who|otherwise|instead|likewise|similarly|however it|but it)\b(?!-)/i;
/** Sentences that point elsewhere or speak about the document, not about the subject. */
const FILLER_RE =
  /^(?:see|refer|read|check out|visit|thanks?|please|note|for (?:more|details|example|instance|further)|e\.g|i\.e|example|usage|learn more|click|install|run|you can|if you)\b|\b(?:licen[cs]ed?|copyright|sponsor\w*|contribut\w*|pull requests?|issue tracker|changelog|star us|donat\w*|backers?|maintainers?|stack overflow|discord server|mailing list|readme|documentation|docs|tutorial|this (?:page|document|guide|section|readme|file|project)|below|above|following|(?:can|may|will) be found|more (?:detailed )?information)\b/i;
/** `Returns true if node is …`: a reference entry's description, with no subject. */
const API_DESCRIPTION =
  /^(?:Returns|Sets|Gets|Creates|Adds|Removes|Checks|Emits|Throws|Reads|Writes|Resolves|Rejects|Supports|Accepts|Allows|Requires|Provides|Contains|Specifies|Indicates|Determines|Enables|Disables|Converts|Defaults)\s/;
/** Release notes and changelogs list changes, not facts worth a quiz (`Upgrade to ICU 62.1`, `Windows: support long paths`). */
const RELEASE_NOTES_FILE = /(?:^|[/_.-])(?:change[-_]?logs?|release[-_]?notes?|relnotes)(?:[/_.-]|$)/i;
/** `NEWS`, `HISTORY.md`, `CHANGES`: release notes by their conventional upper-case names (a `news/` folder of articles is not). */
const RELEASE_NOTES_NAME = /(?:^|\/)(?:NEWS|HISTORY|CHANGES)(?:\.\w+)?$/;

/** True for a file of release notes or a changelog: the generator asks nothing from it. */
export function isReleaseNotes(file: string): boolean {
  return RELEASE_NOTES_FILE.test(file) || RELEASE_NOTES_NAME.test(file);
}
/** Generic acronyms the knowledge need not define: no one learns anything from them. */
const GENERIC_ACRONYMS = new Set(
  `api apis pr prs cli ui ux id ids url urls uri http https html css js ts json xml yaml csv sql db os cpu gpu ram io faq
  mit bsd gpl apache isc npm ci cd sdk ide ssh ssl tls tcp udp ip dns pdf png svg gif jpeg utf ascii esm cjs cdn ok tv usa
  us uk eu un am pm ad bc ce gmt utc etc aka`
    .split(/\s+/)
    .filter(Boolean),
);

let spokenRank: Map<string, number> | undefined;
/** A word's rank among the most frequent words of spoken English (SUBTLEX-US), or undefined when rarer. */
export function spokenRankOf(word: string): number | undefined {
  spokenRank ??= new Map((spokenWords as string[]).map((w, i) => [w, i]));
  return spokenRank.get(word.toLowerCase());
}

/** Rules a sentence breaks whatever is blanked in it. */
export function sentenceRules(text: string, minWords = MIN_PROMPT_WORDS): QuizRule[] {
  const out: QuizRule[] = [];
  if (URL_RE.test(text)) out.push('url');
  if (MARKUP_RE.test(text)) out.push('markup');
  if (CODE_RES.some((re) => re.test(text.replace(PRODUCT_JS, 'Product')))) out.push('code');
  const words = answerWords(text).length;
  const whole = /^["“(]?\p{Lu}/u.test(text) && /[.!?]["”)]?$/.test(text) && !/\b(?:e\.g|i\.e|etc|vs)\.$/i.test(text);
  // `CLI: Command Line Interface - …`, `Windows: support …`: a labelled list entry, not a sentence; `notes, "Military …`: a quote cut off.
  const label = /^[^\s:]{1,30}:\s/.test(text) || API_DESCRIPTION.test(text);
  const quotes = (text.match(/"/g) ?? []).length % 2 === 1 || (text.match(/“/g) ?? []).length !== (text.match(/”/g) ?? []).length;
  if (!whole || label || quotes || words < minWords || words > MAX_PROMPT_WORDS) out.push('not-a-sentence');
  if (FILLER_RE.test(text)) out.push('filler');
  return out;
}

/** True when a sentence opens on a subject only the sentences before it explain. */
export function opensUnresolved(text: string): boolean {
  const t = text.replace(/^["“(]+/, '');
  // `Finally it spread …`, `However, they …`: the clause's subject after an opening adverb.
  // `Initially built with three layers, it later …`: the subject after an opening phrase.
  if (/^[^,;]{0,80},\s+(?:it|they|he|she|its|their|his|her)\s/i.test(t)) return true;
  // `After that time …`, `In this case …`, `Opinions on this vary`: a time, case or thing said before.
  if (/^(?:after|before|at|by|in|from|since|until|during|for|with|under|using|on) (?:that|this|these|those|then|which)\b/i.test(t))
    return true;
  if (/\b(?:this|these|those)[,.;!?]|\b(?:on|of|about|with|for|like|to|in) that[,.;!?]/i.test(t)) return true;
  // `…, on the other hand, is …`, `As a result, …`: it answers or contrasts a sentence before it.
  if (/\b(?:on the other hand|in contrast|by contrast|as a result(?=,)|moreover|furthermore|nevertheless|even so|despite this)\b/i.test(t))
    return true;
  if (leansOnContext(t)) return true;
  return (
    PRONOUN_START.test(t) ||
    /^(?:\p{L}+ly|however|then|later|eventually|also|thus|so|but|and|yet|still|soon|instead|meanwhile|there|here|now),?\s+(?:it|they|he|she|this|these|those|its|their|his|her)\b/iu.test(
      t,
    )
  );
}

/** Openings that draw a conclusion from the sentence before (`Consequently, many Huguenots …`) or list examples of it. */
const CONCLUSION_START =
  /^(?:consequently|therefore|hence|accordingly|in turn|as such|for this reason|because of this|in response|examples?\b|other examples|(?:an|one|another) example)\b/i;
/** `In 2012 it investigated …`, `For many years it was described …`: a subject pronoun right after a short opening phrase, with no comma (not the dummy `it was estimated that`). */
const PRONOUN_AFTER_OPENING =
  /^(?:in|on|by|after|before|during|since|until|from|at|for|over|within)\s+[^,;]{1,30}?\s(?:it|they|he|she)\s+(?!(?:is|was|will be|would be|has been|had been)\s+\p{Ll}+\s+(?:that|to)\b|seems\b|appears\b)\p{Ll}/iu;

/** `these issues`, `this prospect`: a thing said before, pointed at (not `this is`, `those who`). */
const DEMONSTRATIVE_NOUN =
  /\b(?:this|these|those)\s+(?!(?:is|was|were|are|would|will|has|had|have|can|could|may|might|must|should|means|meant|as|who|whom|that|which|whose|in|on|from|of|at|with|to|for|by|and|or|not)\b)\p{Ll}{3,}/iu;

/** `Most went to Cuba`: a quantifier standing for people or things said before. */
const QUANTIFIER_SUBJECT =
  /^(?:most|many|some|several|few|others|all|none)\s+(?:were|was|are|had|have|went|did|came|left|fled|became|remained|returned|moved|settled|died|joined|\p{Ll}+ed)\b/iu;
/** `… in the European theatre of the war.`: an event the sentence does not name… */
const UNNAMED_EVENT =
  /\bthe (?:war|crisis|conflict|battle|revolution|campaign|embargo|siege|uprising|expedition|invasion|occupation)\b(?!\s+(?:of|in|on|against|between|with|for|over|to)\b|\s+\p{Lu})/iu;
/** …unless it names one (`the Seven Years' War … the war`). */
const NAMED_EVENT =
  /\p{Lu}[\p{L}'’]*\s+(?:War|Crisis|Conflict|Battle|Revolution|Campaign|Embargo|Siege|Uprising|Expedition|Invasion|Occupation)\b/u;

/** `the 2003 meeting`, `The previous chairs` (as a subject): a meeting or post of something the sentences before name (not `the 2003 meeting of the IPCC`). */
const BACK_REFERENCE =
  /(?:\b[Tt]he \d{4} (?!(?:census|population)\b)|^The (?:previous|preceding|aforementioned|above-mentioned|said) )\p{Ll}{3,}(?!\p{L})(?!\s+(?:(?:of|in|on|at)\s+(?:the\s+)?)?\p{Lu})/u;

/**
 * `The immediate area`, `the 30-hectare site`, `the entire administrative council`, `For the capital city …`: a place or
 * body the sentences before named, pointed at with an adjective or a figure (not `the capital city of Ethiopia`, nor
 * after `is`: `Addis Ababa is the capital city`).
 */
const MODIFIED_BACK_REFERENCE =
  /(?<!\b(?:is|was|are|were|as|became|becomes|remains|remained)\s)\b[Tt]he\s+(?:(?:\d[\d,.]*-\p{Ll}+|immediate|entire|whole|surrounding|nearby|adjacent|same|capital|administrative)\s+)+(?:area|site|council|city|town|region|district|zone|line|complex|building|territory|capital|estate|compound)\b(?!\s+(?:of|in|at)\s+(?:the\s+)?\p{Lu})/u;
/** `But with the creation of the BCS …`, `And in 1990 …`, `However, …`: an answer to the sentence before. */
const CONTRAST_START = /^(?:but|and|yet|or|nor|so|however)\b(?!-)/i;

/**
 * True when a sentence leans on the ones before it in ways `opensUnresolved` did not cover: a conclusion
 * (`Consequently,`), examples of something said before (`Examples include …`), a subject pronoun after an
 * opening phrase (`In 2012 it investigated …`), `another <noun>` (`another student at the …`), `these <noun>` (`on these issues`),
 * a superlative with no noun (`The oldest is claimed …`).
 */
export function leansOnContext(text: string): boolean {
  return (
    CONCLUSION_START.test(text) ||
    PRONOUN_AFTER_OPENING.test(text) ||
    DEMONSTRATIVE_NOUN.test(text) ||
    /^(?:one|some|many|most|all|each|part|much|none|several|few|both|two|three) of (?:its|their|his|her|these|those|them)\b/i.test(text) ||
    /\b(?:do|does|did|doing|done)\s+(?:this|that)\b/i.test(text) ||
    QUANTIFIER_SUBJECT.test(text) ||
    /\b(?:of|from|by|with|about|for|to|on|in)\s+(?:this|these|those)\s+(?:is|was|were|are|has|had|would|will|can)\b/i.test(text) ||
    /^the (?:oldest|first|last|largest|biggest|smallest|newest|earliest|latest|best|most|other|rest|remainder|latter|former)\s+(?:is|was|are|were|has|had)\b/i.test(
      text,
    ) ||
    (UNNAMED_EVENT.test(text) && !NAMED_EVENT.test(text)) ||
    // `the campaign to overthrow the government`: what it was for, not which one it was.
    (/\b[Tt]he (?:war|campaign|struggle|movement|effort|drive) to \p{Ll}+/u.test(text) && !NAMED_EVENT.test(text)) ||
    BACK_REFERENCE.test(text) ||
    MODIFIED_BACK_REFERENCE.test(text) ||
    CONTRAST_START.test(text) ||
    // `became a member shortly after its founding` (of what), `Mr. Diriba Kuma took office on …` (which office).
    /\b(?:became|become|becomes|becoming) (?:a |an )?(?:full |founding )?members?\b(?!\s+(?:of|state)\b)|\b(?:took|takes|take|taking) office\b(?!\s+as\b)/.test(
      text,
    ) ||
    /(?<!\bone\s)\banother\s+\p{Ll}/iu.test(text)
  );
}

/** `_____, for example,`, `such as _____`, `_____ and other countries`: the blank is one example of several, any of which would fit. */
export function isExample(prompt: string, blank: string): boolean {
  const at = prompt.indexOf(blank);
  const before = prompt.slice(0, at);
  const after = prompt.slice(at + blank.length);
  return (
    /^\s*,?\s*(?:for example|for instance|e\.g\.|(?:and|or) other\s)/i.test(after) ||
    /\b(?:for example|for instance|e\.g\.|such as|including|like)\s*,?\s*(?:the\s+)?$/i.test(before)
  );
}

/** An identifier-like answer: code marks, camelCase, snake_case, dotted or slashed names. */
export function isCodeLike(answer: string): boolean {
  // Letters and digits in one word (`RFC3339`, `utf8`), but not `1990s` or `21st`.
  const mixed = answer
    .split(/\s+/)
    .some((w) => /\p{L}/u.test(w) && /\d/.test(w) && !/^\d+(?:s|st|nd|rd|th)$/.test(w) && !/^\p{L}+-\d+$/u.test(w));
  return /[_/\\=<>{}()[\]`$@#:;]|\p{Ll}\p{Lu}|\p{L}\.\p{L}{2,}/u.test(answer) || mixed;
}

/** True for an acronym nobody needs to learn from the knowledge (`API`, `PR`, `MIT`). */
export function isGenericAcronym(answer: string): boolean {
  return GENERIC_ACRONYMS.has(answer.replace(/\./g, '').toLowerCase());
}

/** Rules the blank breaks: the prompt shows or gives away the answer, or only asks who reported it. */
export function blankRules(prompt: string, blank: string, forms: readonly string[], kind: string): QuizRule[] {
  const out: QuizRule[] = [];
  const words = answerWords(prompt.replace(blank, ' '));
  if (forms.some((f) => indexOfWords(words, answerKey(f)) >= 0)) out.push('answer-in-prompt');
  const folded = prompt.replace(blank, ' ').toLowerCase();
  const main = normalizeAnswer(forms[0] ?? '');
  // Inside another word (`DOTENV_PRIVATE_KEY`, `RFC3339`), or the same number elsewhere.
  if (
    main.length >= 3 &&
    folded
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .split(' ')
      .some((w) => w !== main && w.includes(main.replace(/ /g, '')))
  )
    out.push('gives-away');
  if (kind === 'number' || kind === 'date') {
    const values = new Set(parseNumbers(prompt.replace(blank, ' ')));
    if (parseNumbers(forms[0] ?? '').some((v) => values.has(v))) out.push('answer-in-prompt');
    // `_____ km (3,100 mi)`, `between _____ and 40`, `_____–2010`: converted or bounded nearby.
    const around = prompt.slice(Math.max(0, prompt.indexOf(blank) - 14), prompt.indexOf(blank) + blank.length + 24);
    if (
      /_{5}[^()]{0,14}\([^)]*\d|\d[^()]{0,10}\(_{5}|_{5}\s*(?:–|-|—|to|and|or)\s*\d|\d\s*(?:–|-|—|to|and|or)\s*_{5}|\d[^()]{0,12}\bor\s+_{5}|_{5}[^()]{0,12}\bor\s+\d|between _{5}|±\s*_{5}|_{5}\s*±/.test(
        around,
      )
    )
      out.push('gives-away');
    // Part of a number written with spaces (`162 584`): the other digits give it away.
    if (
      /\d[\s,.]$/.test(prompt.slice(0, prompt.indexOf(blank))) ||
      /^[\s.]\d|^,\d/.test(prompt.slice(prompt.indexOf(blank) + blank.length))
    )
      out.push('gives-away');
    // Inside parentheses next to another number: an aside or a conversion.
    const open = prompt.lastIndexOf('(', prompt.indexOf(blank));
    if (
      open >= 0 &&
      prompt.indexOf(')', open) > prompt.indexOf(blank) &&
      /\d/.test(prompt.slice(Math.max(0, open - 24), prompt.indexOf(')', open)).replace(blank, ''))
    )
      out.push('gives-away');
  }
  if (kind === 'number' && isArithmetic(prompt.replace(blank, ' '), parseNumbers(forms[0] ?? '')[0])) out.push('gives-away');
  // `(Principia, _____)`: the year of a work cited in an aside, not the sentence's fact.
  if (
    kind === 'date' &&
    /\([^()]{1,60},\s*$/.test(prompt.slice(0, prompt.indexOf(blank))) &&
    /^\s*\)/.test(prompt.slice(prompt.indexOf(blank) + blank.length))
  )
    out.push('filler');
  // `visited England _____ (N.S.)` (between February and May 1687): a whole range is no answer anyone types or picks.
  if ((kind === 'date' || kind === 'number') && /^(?:between|from)\s.+\s(?:and|to)\s/i.test(forms[0] ?? '')) out.push('gives-away');
  // `As of _____, there were about 667,000 firms`: the date of a figure is trivia, not the fact.
  if (kind === 'date' && /\bas of\s+$/i.test(prompt.slice(0, prompt.indexOf(blank)))) out.push('filler');
  // `In some rural areas in the _____, there are dispensing physicians`: said of some places, true of others too.
  if (kind === 'place' && SOME_PLACES.test(prompt)) out.push('example');
  // `invaded _____, pressuring the country into a Thai/Japanese alliance`: a word of the prompt starts the place's name.
  if (
    kind === 'place' &&
    answerKey(forms[0] ?? '').some((a) => words.some((w) => w.length >= 4 && a.length - w.length >= 3 && a.startsWith(w)))
  )
    out.push('gives-away');
  // `the Free French … fought to liberate _____` (France), `Americans … the _____ annexation` (US): a demonym of the prompt names it.
  if (kind === 'place' && words.some((w) => demonymPlace(w) === placeKey(forms[0] ?? ''))) out.push('gives-away');
  // `_____ occupied … as a participant in the Siberian Intervention`, `_____ is one of the two federal cities`: one of several.
  if (/\bas (?:a|an|one) (?:participant|member|party|signatory|ally|partner) (?:in|of|to)\b/i.test(prompt)) out.push('example');
  if (
    kind !== 'number' &&
    kind !== 'date' &&
    /^(?:[^,]{0,40},\s+)?(?:the\s+)?$/i.test(prompt.slice(0, prompt.indexOf(blank))) &&
    ONE_OF_SEVERAL.test(prompt.slice(prompt.indexOf(blank)))
  )
    out.push('example');
  // `used in the _____, conical measures, and caduceuses`: the first of a list of common nouns.
  if (
    isListItem(prompt, blank) ||
    /^\s*,\s*(?!(?:a|an|the)\s)(?:\p{Ll}+\s+){0,2}\p{Ll}+,\s+(?:and|or)\s/u.test(prompt.slice(prompt.indexOf(blank) + blank.length))
  )
    out.push('list-item');
  if (kind !== 'number' && kind !== 'date' && isExample(prompt, blank)) out.push('example');
  // `An _____ study`: the article tells the answer's first sound; `a _____ report` reads as a label, not a date or a count.
  if (
    /\ban\s+$/i.test(prompt.slice(0, prompt.indexOf(blank))) ||
    ((kind === 'number' || kind === 'date') && /\ba\s+$/i.test(prompt.slice(0, prompt.indexOf(blank))))
  )
    out.push('gives-away');
  const before = prompt.slice(0, prompt.indexOf(blank));
  if (/\b(?:according to|reported by|told|quoted by|cited by|wrote in|writing in)\s+(?:the\s+)?$/i.test(before)) out.push('attribution');
  // A blank joined to letters or code marks: part of an identifier.
  const prev = before.slice(-1);
  const next = prompt.slice(prompt.indexOf(blank) + blank.length, prompt.indexOf(blank) + blank.length + 1);
  if (/[\p{L}\d_/.:=‐‑-]/u.test(prev)) out.push('code');
  if (/[\p{L}\d_/=]/u.test(next)) out.push('code');
  // `_____-ASCII`, `Mexico–_____`: joined by a dash to another word, half of a compound.
  const after = prompt.slice(prompt.indexOf(blank) + blank.length);
  if (/^[‐‑–-]\p{L}/u.test(after) || /\p{L}[‐‑–-]$/u.test(before)) out.push('gives-away');
  return out;
}

/** `_____ is one of the two federal cities`, `_____ was among the founders`: the blank is the subject of `one of` / `among`. */
const ONE_OF_SEVERAL =
  /^_{5}(?:\s+\p{L}+){0,2}\s+(?:is|was|are|were|became|becomes|remains|remained)\s+(?:also\s+|still\s+|now\s+)?(?:one|among)\b(?!\s+of\s+(?:its|their|his|her)\b)/u;
/** `in some rural areas`, `in certain provinces`: places the sentence does not name, so a place blank is one of several. */
const SOME_PLACES =
  /\b(?:some|certain|many|several|most)\s+(?:\p{Ll}+\s+){0,2}(?:areas|regions|parts|provinces|states|countries|places|cities|towns|counties|districts|communities|jurisdictions|territories)\b/iu;
/** Counts smaller than this are not multiplied or added by a player (`22 two-member electorates` → 44 is; years are not). */
const MAX_OPERAND = 1000;

/** True when the answer is the product or sum of two numbers of the prompt (`_____ members … from 22 two-member electorates` → 44). */
export function isArithmetic(rest: string, answer: number | undefined): boolean {
  if (answer === undefined) return false;
  const values = parseNumbers(rest).filter((v) => v >= 2 && v < MAX_OPERAND);
  return values.some((a, i) => values.some((b, j) => i !== j && (a * b === answer || a + b === answer)));
}

/** Items of a list or parts of a date, separated by commas, `and`, `or`. */
const LIST_SEPARATOR = /\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+/;
/** A whole short item (`Germany`, `the UK`, `1603`, `January 18`): capitalised words or numbers, at most this many. */
const LIST_ITEM = /^(?:the\s+)?[\p{Lu}\d][\p{L}\d'’.–-]*(?:\s+[\p{Lu}\d][\p{L}\d'’.–-]*){0,2}$/u;
/** A list this long or longer: any of its items fits the blank equally. */
const MIN_LIST_ITEMS = 3;

/**
 * True when the blank is one item of a list of three or more names or numbers (`striking France, _____,
 * Portugal and England`, `in 1563, _____, 1603`) or part of a date (`By January 18, _____, US …`): the
 * sentence does not say which item it is.
 */
export function isListItem(prompt: string, blank: string): boolean {
  const parts = prompt.replace(/[.!?]["”)]?$/, '').split(LIST_SEPARATOR);
  const at = parts.findIndex((p) => p.includes(blank));
  if (at < 0) return false;
  const own = parts[at]!.trim();
  const alone = own === blank || own === `the ${blank}`;
  // At the edge of its part, the blank still ends or starts a list (`ravaged London in _____, 1593, …`).
  const leftOpen = alone || own.startsWith(blank);
  const rightOpen = alone || own.endsWith(blank);
  let items = 1;
  const walk = (step: -1 | 1) => {
    for (let i = at + step; i >= 0 && i < parts.length; i += step) {
      const part = parts[i]!.trim();
      if (LIST_ITEM.test(part)) {
        items++;
        continue;
      }
      // The list's first or last item is glued to the rest of the sentence: `striking France`, `Norway banned`.
      const edge = step < 0 ? part.split(/\s+/).pop()! : part.split(/\s+/)[0]!;
      if (/^[\p{Lu}\d]/u.test(edge)) items++;
      return;
    }
  };
  if (leftOpen) walk(-1);
  if (rightOpen) walk(1);
  return items >= MIN_LIST_ITEMS;
}

/**
 * Rules a question asked in words (`Which option sets the logging method?`) breaks: markup, code,
 * a URL or a fragment in the prompt; the answer in it; or the answer spelt by its words: every part
 * of a name in it (`logger` by `logging`, `allErrors` by `all errors`, `hostname` by `host name`) or
 * its initials (`UUID` by `Universally Unique IDentifier`).
 */
export function askedRules(prompt: string, answer: string, wrong: readonly string[] | null = null): QuizRule[] {
  const out = sentenceRules(prompt, MIN_ASKED_WORDS);
  // `(each, map, reduce, filter?`: cut inside an aside.
  if ((prompt.match(/\(/g) ?? []).length !== (prompt.match(/\)/g) ?? []).length) out.push('not-a-sentence');
  const words = answerWords(prompt);
  if (indexOfWords(words, answerKey(answer)) >= 0) out.push('answer-in-prompt');
  // A short part (`6` of `isIdentifierES6`, `ci` of `isCI`) only as a whole word of the prompt (`edition 6`, `in CI`).
  // An acronym part spelt by the initials of neighbouring words (`TTL` of `maxTTL` by `time-to-live`).
  const initialsOf = (part: string) =>
    part.length >= 2 &&
    part.length <= MAX_INITIALS &&
    answer.includes(part.toUpperCase()) &&
    words.some(
      (_, i) =>
        words
          .slice(i, i + part.length)
          .map((w) => w[0])
          .join('') === part,
    );
  const inPrompt = (part: string) =>
    (part.length < 3
      ? words.includes(part)
      : words.some((w) => sharedStart(w, part) >= Math.min(part.length, w.length, STEM_LETTERS) && w.length >= 3)) || initialsOf(part);
  const parts = nameParts(answer);
  const joined = answerKey(answer)
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');
  // Every part in the prompt, or a part in it that no wrong choice has (`dns` of `node.dns.native` for `DNS queries`).
  const spelt =
    parts.length > 0 &&
    (parts.every(inPrompt) || (wrong !== null && parts.some((p) => inPrompt(p) && !wrong.some((w) => nameParts(w).includes(p)))));
  // The prompt's numbers rule out the choices of other numbers (`edition 6` leaves only the `…ES6()` names): two
  // or more wrong choices ruled out leaves a coin toss at best.
  const digits = parts.filter((p) => /^\d+$/.test(p) && inPrompt(p));
  const ruledOut =
    wrong !== null && digits.length > 0
      ? wrong.filter((w) => nameParts(w).some((p) => /^\d+$/.test(p) && !words.includes(p))).length >= 2
      : false;
  // Words glued together, or some of a few neighbours (`ipv4` of `IP address v4`).
  const glued = words.some((_, i) =>
    subsequences(words.slice(i, i + GLUE_WINDOW)).some((run) => run.length >= 2 && run.join('') === joined),
  );
  // Capitals of neighbouring words (`Universally Unique IDentifier` gives `UUID`).
  const capitals = prompt.split(/\s+/).map((w) => w.replace(/[^\p{Lu}]/gu, ''));
  const capitalInitials = capitals.some(
    (_, i) =>
      joined.length >= 3 &&
      [2, 3, 4, 5].some(
        (n) =>
          i + n <= capitals.length &&
          capitals.slice(i, i + n).every(Boolean) &&
          capitals
            .slice(i, i + n)
            .join('')
            .toLowerCase() === joined.toLowerCase(),
      ),
  );
  const initials =
    capitalInitials ||
    words.some((_, i) =>
      [2, 3, 4, 5].some(
        (n) =>
          i + n <= words.length &&
          words
            .slice(i, i + n)
            .map((w) => w[0])
            .join('') === joined,
      ),
    );
  // The name inside a longer word (`infoAccess` in `AuthorityInfoAccess`), or a word of the prompt inside the name that no
  // wrong choice has (`key` of `pubkey`).
  const letters = joined.toLowerCase();
  const inside = words.some((w) => w.length > letters.length && letters.length >= 3 && w.includes(letters));
  // Its stem counts too (`pack` of `libnpmpack` by `packing`); in free text no wrong choice has it.
  const within = words.some((word) =>
    [word, word.replace(STEM_ENDING, '')].some(
      (w, i) =>
        w.length >= (i === 0 ? 3 : STEM_LETTERS) &&
        !STOP_WORDS.has(w) &&
        letters.includes(w) &&
        !(wrong ?? []).some((c) => answerKey(c).join('').toLowerCase().includes(w)),
    ),
  );
  // The starts of neighbouring words (`preid` of `prerelease identifier`, `maxconn` of `maximum connections`).
  const starts = words.some((_, i) =>
    subsequences(words.slice(i, i + GLUE_WINDOW)).some((run) => run.length >= 2 && spelledByStarts(letters, run)),
  );
  if (joined.length >= 2 && (spelt || glued || initials || inside || within || ruledOut || starts)) out.push('gives-away');
  return out;
}

/** The fewest letters of a word's start that count as spelling part of a name (`id` of `identifier`). */
const START_LETTERS = 2;

/** True when `letters` is the starts of all the words in order, each START_LETTERS or more (`pre` + `id` = `preid`). */
function spelledByStarts(letters: string, run: readonly string[]): boolean {
  if (run.length === 0) return letters.length === 0;
  const [word, ...rest] = run;
  for (let n = Math.min(word!.length, letters.length); n >= START_LETTERS; n--)
    if (word!.startsWith(letters.slice(0, n)) && spelledByStarts(letters.slice(n), rest)) return true;
  return false;
}

/** The words of a name (`allErrors` → `all`, `errors`; `node.dns.native` → `node`, `dns`, `native`), three letters or more. */
function nameParts(name: string): string[] {
  // Digits count as a part too: `fingerprint256` is spelt by `SHA-256`, `isIdentifierES6` by `edition 6`; and a short
  // acronym inside a name (`CI` of `isCI`, `ES` of `isIdentifierES6`).
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\d)|(\d)(\p{L})/gu, '$1$3 $2$4')
    .split(/[^\p{L}\d]+/u)
    .filter((p) => p.length >= 3 || /^\d+$/.test(p) || /^\p{Lu}{2}$/u.test(p))
    .map((p) => p.toLowerCase());
}

/** The longest acronym part of a name checked against the initials of the prompt's words. */
const MAX_INITIALS = 5;

/** Words a name may be glued from: `IP address v4` gives `ipv4`. */
const GLUE_WINDOW = 4;

/** Every in-order selection of the words that starts with the first (a window of GLUE_WINDOW words gives 8). */
function subsequences(words: string[]): string[][] {
  if (words.length === 0) return [];
  const rest = words.slice(1);
  const tails: string[][] = [[]];
  for (const w of rest) for (const t of [...tails]) tails.push([...t, w]);
  return tails.map((t) => [words[0]!, ...t]);
}

/** Letters two words share at the start that make them one word (`logg` of `logger` and `logging`). */
const STEM_LETTERS = 4;
/** Endings a prompt's word drops to its stem (`packing` → `pack`, `published` → `publish`). */
const STEM_ENDING = /(?:ing|ed|es|s)$/;

function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where an answer's wrong choices must lie for the sentence to be false with them, or 0 for anywhere. A date after `by`
 * (`gained independence by _____`: by a later year is true too) takes earlier ones; a figure after `more than`, `over`,
 * `at least` (`over _____ million images`: over a smaller figure is true too) larger ones; after `less than`, `under`,
 * `up to` smaller ones. `after` and `since` take earlier dates too (`policies … after 1685 met with opposition`: after
 * 1686 is true too). `before` is left as it is: a state before a date is true of earlier ones
 * (`Before 1350, there were about 170,000 settlements`), an event before it of later ones.
 */
export function answerBound(cloze: string | undefined, kind: string): -1 | 0 | 1 {
  const before = cloze?.slice(0, Math.max(0, cloze.indexOf('_____'))) ?? '';
  if (kind === 'date') return /\b(?:by|no later than|after|since)\s+(?:the (?:end|start|beginning|middle) of\s+)?$/i.test(before) ? -1 : 0;
  if (kind !== 'number') return 0;
  if (/\b(?:more than|over|at least|upwards of|in excess of|exceeding|greater than|above)\s+(?:[$€£¥]\s*)?$/i.test(before)) return 1;
  return /\b(?:less than|fewer than|under|up to|at most|below)\s+(?:[$€£¥]\s*)?$/i.test(before) ? -1 : 0;
}

/** A date as a number that orders it (`5 May 1936` → 19360505, `1960` → 19600000); undefined without a year. */
export function dateOrder(text: string): number | undefined {
  const year = /\b(?:1\d|20)\d\d(?=s?\b)/.exec(text);
  const month = MONTHS.findIndex((m) => m.test(text));
  // `17 September`: a day of a year the sentence gives elsewhere, ordered within it.
  if (!year && month < 0) return undefined;
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(text.replace(year?.[0] ?? '', ''));
  return Number(year?.[0] ?? 0) * 10_000 + (month + 1) * 100 + Number(day?.[1] ?? 0);
}
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m) => new RegExp(`\\b${m}`, 'i'));

/** Where an answer or choice lies on its line: a date's order, a number's value; undefined when it has none. */
export function answerOrder(text: string, kind: string): number | undefined {
  return kind === 'date' ? dateOrder(text) : parseNumbers(text)[0];
}

/** Wrong choices a player can rule out at once (numbers out of range or of another unit, years that are not years), or that are right too. */
export function distractorRules(q: Pick<Question, 'answer' | 'kind' | 'wrong'> & { cloze?: string }): QuizRule[] {
  if (!q.wrong) return [];
  const bound = answerBound(q.cloze, q.kind);
  if (bound !== 0) {
    const at = answerOrder(q.answer, q.kind);
    const right = q.wrong.some((w) => {
      const v = answerOrder(w, q.kind);
      return at !== undefined && v !== undefined && Math.sign(v - at) !== bound;
    });
    if (right) return ['also-right'];
  }
  if (q.kind === 'date' && /^\d{4}$/.test(q.answer)) {
    const year = Number(q.answer);
    return q.wrong.every((w) => /^\d{4}$/.test(w) && Math.abs(Number(w) - year) <= YEAR_RANGE) ? [] : ['implausible-distractor'];
  }
  if (q.kind === 'number') {
    const [value] = parseNumbers(q.answer);
    if (value === undefined) return [];
    const ok = q.wrong.every((w) => {
      const [v] = parseNumbers(w);
      return v !== undefined && v > 0 && v <= value * NUMBER_RANGE && v >= value / NUMBER_RANGE && /\.\d/.test(w) === /\.\d/.test(q.answer);
    });
    return ok ? [] : ['implausible-distractor'];
  }
  return [];
}

/**
 * Every rule a question breaks, alone (`earlier` empty) or as the next question of a quiz after
 * `earlier`: the same sentence asked again, or the answer shown by an earlier prompt.
 */
export function questionRules(q: Question, earlier: readonly Question[] = []): QuizRule[] {
  const out = new Set<QuizRule>();
  const blank = '_____';
  const cloze = q.cloze ?? q.prompt;
  // A question asked in words from a docs list or definition (docs.ts) has no cloze; its answer may be a name of code.
  const asked = q.origin === 'generated' && q.cloze === undefined;
  const sentence = asked ? q.prompt : cloze.replace(blank, q.answer);
  for (const r of sentenceRules(sentence, asked ? MIN_ASKED_WORDS : MIN_PROMPT_WORDS))
    if (q.origin === 'generated' || r === 'markup' || r === 'url') out.add(r);
  if (q.origin === 'generated' && !asked && opensUnresolved(cloze)) out.add('unresolved-subject');
  if (q.origin === 'generated' && isReleaseNotes(q.file)) out.add('filler');
  if (q.origin === 'generated') {
    if (cloze.includes(blank)) for (const r of blankRules(cloze, blank, [q.answer, ...q.accepted], q.kind)) out.add(r);
    if (asked) for (const r of askedRules(q.prompt, q.answer, q.kind === 'term' ? q.wrong : null)) out.add(r);
    if (isCodeLike(q.answer) && !(asked && q.kind === 'term')) out.add('code');
    if (q.kind === 'acronym' && isGenericAcronym(q.answer)) out.add('generic-acronym');
  }
  for (const r of distractorRules(q)) out.add(r);
  const source = normalizeAnswer(q.source);
  // A written question asks in its own words: only two generated questions can repeat a sentence.
  if (q.origin === 'generated' && earlier.some((e) => e.origin === 'generated' && normalizeAnswer(e.source) === source))
    out.add('repeated-sentence');
  if (shownBy(q, earlier)) out.add('shown-earlier');
  return [...out];
}

/** True when an earlier prompt of the quiz names this question's answer (a number by its value). */
export function shownBy(q: Question, earlier: readonly Question[]): boolean {
  const shows = showsAnswer(q);
  return earlier.some((e) => shows(e.prompt));
}

/** Whether a prompt names this question's answer: a number by its value, a name on its own (not inside a longer name). */
export function showsAnswer(q: Question): (prompt: string) => boolean {
  if (q.kind === 'number' || q.kind === 'date') {
    const values = parseNumbers(q.answer);
    return (prompt) => values.length > 0 && promptWords(prompt).numbers.some((v) => values.includes(v));
  }
  // A lone everyday word (`alone`, `double`) in an earlier prompt does not give a quote or a phrase away; a name does.
  const named = q.kind === 'person' || q.kind === 'place' || q.kind === 'organization' || q.kind === 'acronym' || q.kind === 'term';
  const forms = [q.answer, ...q.accepted]
    .map(answerKey)
    .filter((f) => f.length > 0 && (named || f.length > 1 || (spokenRankOf(f[0]!) ?? Infinity) >= COMMON_RANK));
  return (prompt) => forms.some((f) => namesAlone(prompt, f));
}

/** Prompts seen by `namesAlone` as words, kept while a draw compares each prompt with many answers. */
const wordsOf = new Map<string, { words: string[]; folded: string[]; numbers: number[] }>();
/** The most prompts kept: a bank's worth, then the cache starts again. */
const MAX_CACHED_PROMPTS = 5000;

function promptWords(text: string): { words: string[]; folded: string[]; numbers: number[] } {
  let entry = wordsOf.get(text);
  if (!entry) {
    if (wordsOf.size >= MAX_CACHED_PROMPTS) wordsOf.clear();
    const words = text.split(/\s+/);
    entry = { words, folded: words.map((w) => answerWords(w).join(' ')), numbers: parseNumbers(text) };
    wordsOf.set(text, entry);
  }
  return entry;
}

/** True when `text` names `form` on its own, not inside a longer name (`China` in `East China Sea` is not China). */
function namesAlone(text: string, form: string[]): boolean {
  const { words, folded } = promptWords(text);
  for (let i = 0; i + form.length <= words.length; i++) {
    if (!form.every((f, j) => folded[i + j] === f)) continue;
    const before = words[i - 1];
    const after = words[i + form.length];
    const capital = (w: string | undefined) => w !== undefined && /^["“(]?\p{Lu}/u.test(w);
    const startsSentence = i === 0 || /[.!?:]["”]?$/.test(before ?? '');
    if ((capital(before) && !startsSentence && !/[,;]$/.test(before!)) || (capital(after) && !/[,;.]$/.test(words[i + form.length - 1]!)))
      continue;
    return true;
  }
  return false;
}

/** Names that say they are a body; in technical docs `Court`, `Service`, `Assembly` or `Command` are more often words of the trade. */
const BODY_WORD =
  /\b(?:committee|group|team|foundation|council|board|consortium|institute|association|society|university|company|corporation|inc|ltd|llc|agency|department|office|federation|alliance)\b/i;
/** A unit right after a number of technical docs (`_____ bytes`, `_____ ms`, `_____ colors`): a measure or a count of things. */
const DOCS_UNIT =
  /^\s*(?:%|(?:bits?|bytes?|octets?|[KMGT]i?B|ms|milliseconds?|seconds?|minutes?|hours?|days?|pixels?|px|(?!(?:this|thus|plus|less|does|goes|unless)\b)[a-z]{3,}s)\b)/;
/** Code-shaped words that make a file without code spans technical: a flag, a dotted or snake_case name, a version, a path. */
const TECHNICAL_WORD =
  /(?:^|\s)--?[a-z][\w-]+|\b[a-z]\w+\.[a-z]\w+\b|\b[a-z]+_[a-z_]+\b|\b[A-Z][A-Z\d]*_[A-Z\d_]+\b|\bv?\d+\.\d+\.\d+\b|(?:^|\s)(?:\/[\w.-]+){2,}/g;
/** Distinct code-shaped words a file needs to be technical without code spans: one or two turn up in prose (a path, a site). */
const MIN_TECHNICAL_WORDS = 3;

/**
 * The files of technical docs: with inline code or code blocks, or plain text with several code-shaped words
 * (`openssl genpkey -des3 -paramfile … -out …`), where blanked sentences keep the docs rules.
 */
export function technicalFiles(passages: readonly Pick<Passage, 'file' | 'text' | 'atoms' | 'code'>[]): Set<string> {
  const words = new Map<string, Set<string>>();
  const out = new Set<string>();
  for (const p of passages) {
    if ((p.atoms?.length ?? 0) > 0 || (p.code?.length ?? 0) > 0) out.add(p.file);
    const seen = words.get(p.file) ?? new Set<string>();
    for (const m of p.text.matchAll(TECHNICAL_WORD)) seen.add(m[0].trim());
    words.set(p.file, seen);
  }
  for (const [file, seen] of words) if (seen.size >= MIN_TECHNICAL_WORDS) out.add(file);
  return out;
}

/** A sentence this short with no verb is a label (`Data path for ICU (Intl object) data.`); a longer one was more likely mistagged. */
const MAX_LABEL_WORDS = 8;
/** A sentence that speaks to the reader or for the authors (`You might not think …`, `We recommend …`): advice, not a fact. */
const READER_START = /^(?:you|we|i|our|my|let's|let us)\b/i;

/**
 * Rules for a blanked sentence of technical docs (a file with inline code or code blocks), where a sentence is often
 * a reference entry or an instruction with no subject (`Get the visitor keys of a given _____ node.`, `The _____ of the
 * regular expression pattern.`), a year is a version (`ECMAScript _____`) and a capitalised pair of trade words is
 * taken for a body (`Project Service`, `Web Assembly`).
 */
export function docsRules(q: Pick<Question, 'answer' | 'kind' | 'wrong' | 'cloze'>): QuizRule[] {
  if (q.cloze === undefined) return [];
  const out: QuizRule[] = [];
  const blank = '_____';
  const sentence = q.cloze.replace(blank, q.answer);
  const tagged = taggedOf(sentence);
  // Opens on a verb (an instruction or a reference entry's description), has no verb at all (a label), or tells a story.
  const label = tagged.length <= MAX_LABEL_WORDS && !tagged.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  // `(The AST structure being the ESTree API with JSX extensions.)`: an aside to the sentence before.
  const aside = /^\(.*\)$/.test(sentence);
  // `Must be provided but can be zero-length, and …`: a reference entry opening on its modal.
  const modal = tagged[0]?.pos === 'AUX';
  // `The name must be …`, `The code was mostly written by …`: the name of what, the code of what? An everyday noun alone is the
  // page's own thing, which the prompt does not say.
  const bare =
    /^the$/i.test(tagged[0]?.value ?? '') &&
    (spokenRankOf(tagged[1]?.value ?? '') ?? Infinity) < COMMON_RANK &&
    (tagged[2]?.pos === 'AUX' || (tagged[2]?.pos === 'VERB' && /[^s]s$/.test(tagged[2].value)));
  if (opensOnVerb(sentence, tagged) || label || aside || modal || READER_START.test(sentence) || /\bI\b/.test(sentence))
    out.push('no-subject');
  if (bare) out.push('unresolved-subject');
  if (q.kind === 'date' && /\p{Lu}[\p{L}\d.]*\s+$/u.test(q.cloze.slice(0, q.cloze.indexOf(blank)))) out.push('version-year');
  if (q.kind === 'organization' && [q.answer, ...(q.wrong ?? [])].some((n) => !BODY_WORD.test(n))) out.push('not-a-body');
  // `Public License` among people: every word an everyday word is a phrase of the trade, not a name.
  if (
    q.kind === 'person' &&
    [q.answer, ...(q.wrong ?? [])].some((n) => answerWords(n).every((w) => (spokenRankOf(w) ?? Infinity) < COMMON_RANK))
  )
    out.push('not-a-person');
  return out;
}

/**
 * Only a strong kind with evidence is blanked in technical docs (`The number _____ is the size of the key, in bits.` →
 * 2048 taken for a year; `… the generated _____.` → SBOM; `Visual Studio _____ and later`): a person or a body recognised
 * as such (the docs rules check them), a date with its month, or a number with its unit right after it (`_____ octets`).
 */
export function docsKindRules(q: Pick<Question, 'answer' | 'kind' | 'cloze'>): QuizRule[] {
  if (q.cloze === undefined || q.kind === 'person' || q.kind === 'organization') return [];
  const before = q.cloze.slice(0, q.cloze.indexOf('_____'));
  const after = q.cloze.slice(q.cloze.indexOf('_____') + '_____'.length);
  // `Rider 123 pings the server on _____ within the 00:00 hour.`: a made-up scenario's date says nothing about the subject.
  if (q.kind === 'date' && EXAMPLE_CONTEXT.test(q.cloze)) return ['example-date'];
  // `implements fast _____ responses` → 304: a status code, an error code or a port names a thing, it counts nothing.
  if (q.kind === 'number' && isCodeNumber(before, after)) return ['code-number'];
  // `Python 2.6 stopped receiving security patches since October 2013.`: a month says it is a date, a bare year may be a version.
  if (q.kind === 'date' && /\p{L}/u.test(q.answer)) return [];
  return q.kind === 'number' && DOCS_UNIT.test(after) ? [] : ['weak-in-docs'];
}

/** Words around a number that make it a code or an identifier: `HTTP 404`, `port 8080`, `exit code 2`, `304 responses`. */
const CODE_BEFORE = /\b(?:HTTP|status(?: code)?|error(?: code)?|exit(?: code| status)?|code|port|version|v|RFC|ISO|UTF|ECMA|ES)[\s-]*$/i;
const CODE_AFTER = /^\s*(?:responses?|status(?:es| codes?)?|errors?|codes?|redirects?|ports?|Not Modified|Not Found|OK)\b/i;
/** True when a number blank of technical docs is a code or identifier (a status, an error code, a port, a version part). */
export function isCodeNumber(before: string, after: string): boolean {
  return CODE_BEFORE.test(before) || CODE_AFTER.test(after);
}

/** A sentence of an example (`e.g.`, `for example`, `suppose`) or a sample scenario with a clock time (`00:00`). */
const EXAMPLE_CONTEXT = /\b(?:e\.g\.|for (?:example|instance)|such as|suppose|imagine|let's say|sample|example)|\b\d{1,2}:\d{2}\b/i;

/** A sentence's words with their part-of-speech tags, punctuation left out (tagged once, read by several rules). */
function taggedOf(text: string): { value: string; pos: string }[] {
  return taggedWords(text).filter((t) => t.pos !== 'PUNCT');
}

/** True when a sentence opens on a verb, with no subject before it: `Use it in your app …`, `Get the visitor keys …`, `Limit nested …`. */
export function opensOnVerb(text: string, tagged = taggedOf(text)): boolean {
  const first = /^\p{L}+/u.exec(text)?.[0];
  if (!first) return false;
  // A tagger reads a capitalised first word as a name (`Use/PROPN`): read it after a subject instead.
  // A word English speakers use (`Use`, `Limit`) is read after a subject; a rarer one is a name (`Esprima counts …`).
  if (spokenRankOf(first) === undefined) return tagged[0]?.pos === 'VERB';
  const finite = (t: { pos: string; value: string } | undefined) =>
    t !== undefined && (t.pos === 'AUX' || (t.pos === 'VERB' && /[^s]s$/.test(t.value)));
  // `Chalk supports …`, `Cache is …`: the first word is the subject of the verb after it.
  if (finite(tagged[1]) || taggedWords(`They ${first.toLowerCase()} it`)[1]?.pos !== 'VERB') return false;
  // `Opens the REPL …`, `Initializes a history log …`: a reference entry; `Commits from the staging branch land …`: a noun.
  if (/[^s]s$/i.test(first)) return tagged[1]?.pos === 'DET';
  // `Use this flag to …`: an instruction; `Setting the value … disables …`, `Breaking changes must …`: a subject before a verb.
  return !tagged.slice(2).some(finite);
}
