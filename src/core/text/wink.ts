/**
 * wink-nlp with its English model, reading every text as if it were the first. wink adds each word
 * it does not know to its vocabulary, with what the first text showed of it, and later texts are
 * tokenized and tagged against that (`35ad44cbd8` read as a number or not, `U.S.` split or not): a
 * file's sentences and entities depended on which files the same thread read before, so two
 * builds of one folder differed. `forgetNewWords` drops what was added since the model loaded: called
 * before each file and each short text (a question), so each reads as if it were the first.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface WinkItems {
  out(f?: unknown): unknown[];
}
export interface WinkDoc {
  tokens(): WinkItems;
  sentences(): WinkItems;
  entities(): WinkItems;
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: Record<string, unknown>;
}

/**
 * The wink-nlp steps citebot reads: sentences, part-of-speech tags and entities. Its default pipe
 * also runs negation, sentiment and custom entities, which nothing reads.
 */
const WINK_PIPE = ['sbd', 'pos', 'ner'];

/** A feature of wink's model that grows as words are met: values by index, and index by value. */
interface GrowingFeature {
  list: string[];
  hash: Record<string, number>;
  index: number;
}
type Methods = Record<string, (...args: unknown[]) => unknown>;
type CacheFactory = (model: { features: Record<string, Partial<GrowingFeature>> }, featureFn: unknown) => Methods;

let wink: Wink | undefined;
let forget: () => void = () => {};

/**
 * Loads wink with its vocabulary cache (`wink-nlp/src/cache.js`, a factory over the model) wrapped:
 * the wrapper hands wink stable methods that call the current cache, and `forget` drops what the
 * last text added from the model's growing features and starts a new cache over them.
 */
function load(): Wink {
  const cachePath = require.resolve('wink-nlp/src/cache.js');
  const makeCache = require(cachePath) as CacheFactory;
  const wrapped: CacheFactory = (model, featureFn) => {
    const growing = Object.values(model.features).filter(
      (f): f is GrowingFeature => Array.isArray(f.list) && typeof f.index === 'number' && typeof f.hash === 'object',
    );
    const sizes = growing.map((f) => [f.list.length, f.index] as const);
    const lexeme = model.features.lexeme as GrowingFeature;
    const lexemes = lexeme.list.length;
    let current = makeCache(model, featureFn);
    forget = () => {
      if (lexeme.list.length === lexemes) return; // nothing new: every feature value comes with a new word
      growing.forEach((f, i) => {
        const [length, index] = sizes[i]!;
        for (let k = length; k < f.list.length; k++) delete f.hash[f.list[k]!];
        f.list.length = length;
        f.index = index;
      });
      current = makeCache(model, featureFn);
    };
    const stable: Methods = Object.create(null) as Methods;
    for (const name of Object.keys(current)) stable[name] = (a?: unknown, b?: unknown, c?: unknown) => current[name]!(a, b, c);
    return stable;
  };
  require.cache[cachePath]!.exports = wrapped;
  try {
    return require('wink-nlp')(require('wink-eng-lite-web-model'), WINK_PIPE) as Wink;
  } finally {
    require.cache[cachePath]!.exports = makeCache;
  }
}

/** wink's `its` helpers (what `out()` reads of a token, a sentence or an entity). */
export function its(): Record<string, unknown> {
  wink ??= load();
  return wink.its;
}

/** wink's reading of a text (sentences, tags, entities); the same whatever was read before if `forgetNewWords` came first. */
export function readDoc(text: string): WinkDoc {
  wink ??= load();
  return wink.readDoc(text);
}

/** Drops the words wink added to its vocabulary since the model loaded (a no-op when it added none). */
export function forgetNewWords(): void {
  forget();
}
