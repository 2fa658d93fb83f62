/** Text analysis shared by every folder: tokens, folding, lemmas, terms and word lookups. */
export { identifierParts, indexOfWords, indexTerms, stem, tokenize, type Token } from './terms.js';
export {
  analyzeParagraph,
  nounsOf,
  resolveNames,
  taggedWords,
  verbsOf,
  type AcronymDefinition,
  type AnalyzedSentence,
  type Atom,
  type Entity,
  type EntityKind,
} from './analyze.js';
export { wordTable } from './lookup.js';
export {
  COUNTRY_NAMES,
  demonymPlace,
  FORMER_STATES,
  KNOWN_PLACES,
  ORGANIZATION_WORDS,
  PLACE_WORDS,
  placeKey,
  REGIONS,
  REGION_OF,
  STOP_WORDS,
  TITLE_WORDS,
} from './lexicon.js';
export { fold } from './fold.js';
export { forgetNewWords } from './wink.js';
export { fileTerms, fileTermsSteps, type FileTerms } from './sentence-terms.js';
