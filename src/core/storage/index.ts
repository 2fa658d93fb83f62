/** Storage: the SQLite and in-memory implementations of the ports the bot, gaps and quiz declare. */
export { StoreError, type LeaderboardEntry, type Store } from './types.js';
export { openStore } from './sqlite.js';
export { MemoryStore } from './memory.js';
export { FileUnansweredLog } from './unanswered-log.js';
