/**
 * A follow-up question answered in the context of the conversation: the key terms of what was
 * asked before join the question's own, weighing less, so that `and when was that?` after
 * `Who did Hegseth meet in Tokyo?` looks for the meeting's date. (The bot keeps the context:
 * src/core/bot/conversation.ts.)
 */
import type { AnalyzedQuestion } from './analyze-question.js';

/** How much a key term from the context weighs against the question's own (it says what the question is about, not what it asks). */
const CONTEXT_WEIGHT = 0.5;

/** The question with the context's key terms it lacks added (marked `fromContext`); its own type and words stay. */
export function withContext(q: AnalyzedQuestion, context: AnalyzedQuestion): AnalyzedQuestion {
  const own = new Set(q.groups.map((g) => g.alternatives[0].terms.join(' ')));
  const added = context.groups
    .filter((g) => !g.unknown && !own.has(g.alternatives[0].terms.join(' ')))
    .map((g) => ({ ...g, idf: g.idf * CONTEXT_WEIGHT, fromContext: true }));
  if (added.length === 0) return q;
  const groups = [...q.groups, ...added];
  const searchTerms = [
    ...new Set([...q.searchTerms, ...added.flatMap((g) => g.alternatives.filter((a) => !a.derived).flatMap((a) => a.terms))]),
  ];
  return {
    ...q,
    groups,
    // Words the context names are not answers either (`who said it?` after a question about Hegseth is not answered `Hegseth`).
    words: new Set([...q.words, ...context.words]),
    terms: new Set(groups.flatMap((g) => g.alternatives.flatMap((a) => a.terms))),
    searchTerms,
  };
}
