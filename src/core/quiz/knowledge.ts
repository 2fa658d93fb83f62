/** What the quiz needs from the knowledge: `KnowledgeBase` satisfies it; tests may pass a fake. */
import type { KnowledgeFile, Passage } from '../knowledge/index.js';
import type { AcronymDefinition } from '../text/index.js';

export interface QuizKnowledge {
  /** The knowledge folder; written questions are read from its `quizzes/` folder. */
  readonly dir: string;
  /** Loaded files; their hashes tell the quiz when to rebuild its questions. */
  files(): KnowledgeFile[];
  passages(): Passage[];
  /** Acronyms defined in the text (`The Associated Press (AP)`), so `AP` answers for it. */
  acronyms?(): AcronymDefinition[];
}
