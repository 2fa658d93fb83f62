/** The command data read once: handlers get declared options of the declared type, in range. */
import { describe, expect, it } from 'vitest';
import { ASK_SPEC, QUIZ_SPEC, readOptions } from '../../src/core/bot/commands.js';
import { QUIZ_START_LIMITS, settingsFrom } from '../../src/core/quiz/controller.js';

const startSpec = QUIZ_SPEC.subcommands.find((s) => s.name === 'start')!;

describe('reading command options by the command data', () => {
  it('clamps integers to the declared range and rounds them', () => {
    expect(readOptions(startSpec.options, { questions: 500, seconds: 1 })).toEqual({ questions: 50, seconds: 5 });
    expect(readOptions(startSpec.options, { questions: 7.6 })).toEqual({ questions: 8 });
  });

  it('drops options of the wrong type, undeclared names and values outside the choices', () => {
    const read = readOptions(startSpec.options, { questions: 'ten', hints: 'yes', mode: 'essay', colour: 'red', teams: 'Red,Blue' });
    expect(read).toEqual({ teams: 'Red,Blue' });
    expect(readOptions(ASK_SPEC.options, { question: 'why?', private: true, explain: true })).toEqual({ question: 'why?', private: true });
  });

  it('ignores option names that are Object prototype keys', () => {
    const raw = JSON.parse('{"__proto__": "x", "question": "q"}') as Record<string, string>;
    expect(readOptions(ASK_SPEC.options, raw)).toEqual({ question: 'q' });
  });

  it('declares the /quiz start ranges the quiz clamps to', () => {
    const byName = new Map(startSpec.options.map((o) => [o.name, o]));
    expect(byName.get('questions')).toMatchObject({ min: QUIZ_START_LIMITS.questions.min, max: QUIZ_START_LIMITS.questions.max });
    expect(byName.get('seconds')).toMatchObject({ min: QUIZ_START_LIMITS.seconds.min, max: QUIZ_START_LIMITS.seconds.max });
    expect(settingsFrom({ questions: 1000, seconds: 0 })).toMatchObject({
      count: QUIZ_START_LIMITS.questions.max,
      seconds: QUIZ_START_LIMITS.seconds.min,
    });
    expect(settingsFrom({})).toMatchObject({
      count: QUIZ_START_LIMITS.questions.default,
      seconds: QUIZ_START_LIMITS.seconds.default,
      mode: 'mc',
      hints: true,
    });
  });
});
