/** The knowledge base: loads and parses the knowledge files into analysed documents and snapshots. */
export { KnowledgeBase, KnowledgeError, type KnowledgeOptions, type LoadProgress } from './knowledge-base.js';
export type { Entity, KnowledgeFile, Passage, PassageList, SavedIndexStore } from './types.js';
