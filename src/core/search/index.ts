/** Retrieval: finds and ranks the passages that answer a question and cuts cited snippets from them. */
export { confidenceWords } from './confidence.js';
export { markedPieces } from './marks.js';
export {
  MAX_QUESTION_LENGTH,
  type AbstainCode,
  type AbstainedReply,
  type AnswerReply,
  type Citation,
  type Highlight,
  type Snippet,
} from './types.js';
export { AnswerEngine, type EngineOptions } from './engine.js';
export { ANSWER_CACHE_SIZE, AnswerCache } from './answer-cache.js';
export { citationOf } from './citation.js';
