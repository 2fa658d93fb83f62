/** Knowledge gaps: what the bot could not answer, who might know, and the report of it. */
export {
  buildGapsReport,
  dayOf,
  gapsSummary,
  type ActivitySource,
  type Gap,
  type GapsFilter,
  type GapsOptions,
  type GapsReport,
  type LoggedQuestion,
  type QuestionSource,
  type QuizAwardRecord,
  type VoteRecord,
} from './report.js';
export { MESSAGE_COMMANDS, NOT_ALLOWED, findMessageCommand, savedText } from './commands.js';
export { MAX_SAVED_CHARS, saveMessage } from './save.js';
export { ExpertDesk, type ExpertAnswerResult, type GapTicket } from './experts.js';
