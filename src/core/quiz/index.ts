/** The quiz: questions from the knowledge, fair answer checking, team sessions, lasting scores. */
export { createQuizController, settingsFrom, QUIZ_START_LIMITS, type QuizControllerDeps } from './controller.js';
export { QuizSession, type SessionOptions } from './session.js';
export { buildBank, QuestionBank, QuestionSource, MAX_DRAW, type DrawOptions } from './bank.js';
export { generateQuestions, type GeneratedQuestion } from './generate.js';
export { loadWrittenQuestions, formatProblem, type QuizFileProblem } from './written.js';
export { checkAnswer, type Verdict } from './check.js';
export { choicesFor, choiceNamed, LETTERS } from './choices.js';
export { exportQuiz, type ExportedQuestion } from './export.js';
export { defaultScoringRules, awardFor, basePoints, rulesText, type ScoringRules, type Award as PointsAward } from './scoring.js';
export { letterHint } from './hints.js';
export type { QuizEvent, QuizSettings, QuizMode, PlayerScore, TeamScore } from './events.js';
export type { Question, QuestionKind, AnswerKey } from './question-model.js';
export type { QuizKnowledge } from './knowledge.js';
export type {
  Actor,
  Award,
  GameResult,
  LeaderboardEntry,
  Place,
  Platform,
  QuizEventReply,
  QuizNoticeCode,
  QuizOptions,
  ScoreStore,
  Visibility,
} from './ports.js';
export { RULE_TEXT } from './rules.js';
export { shortfall } from './controller.js';
export { namesTopic } from './bank.js';
