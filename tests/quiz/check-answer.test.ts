import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/core/quiz/check.js';
import type { AnswerKey } from '../../src/core/quiz/question-model.js';

const troops: AnswerKey = {
  answer: '50,000',
  accepted: [],
  kind: 'number',
  rivals: [],
  prompt: 'Japan is also home to more than _____ U.S. troops.',
};
const year: AnswerKey = {
  answer: '2027',
  accepted: [],
  kind: 'date',
  rivals: ['2025'],
  prompt: 'Japan plans to double its defense spending by _____.',
};
const month: AnswerKey = {
  answer: 'late-March 2025',
  accepted: [],
  kind: 'date',
  rivals: [],
  prompt: 'Hegseth said in Tokyo before the _____ meeting.',
};
const minister: AnswerKey = {
  answer: 'Gen Nakatani',
  accepted: [],
  kind: 'person',
  rivals: ['Pete Hegseth', 'Hegseth'],
  prompt: 'Hegseth, after his talks with Defense Minister _____, said the U.S. would abide by promises.',
};
const press: AnswerKey = {
  answer: 'The Associated Press',
  accepted: ['AP'],
  kind: 'organization',
  rivals: ['New York Times', 'U.S. State Department'],
  prompt: 'Hegseth said in Tokyo, according to _____.',
};
const air: AnswerKey = { answer: 'air', accepted: [], kind: 'other', rivals: [], prompt: 'Missiles that fly through the _____.' };
const islands: AnswerKey = {
  answer: 'Senkanku Islands',
  accepted: ['Senkanku'],
  kind: 'place',
  rivals: ['Taiwan', 'Tokyo', 'East China Sea'],
  prompt: 'They agreed to bolster the defense posture on the _____.',
};
const sea: AnswerKey = {
  answer: 'East China Sea',
  accepted: ['East China'],
  kind: 'place',
  rivals: ['Taiwan'],
  prompt: 'The islands are in the _____ and near Taiwan.',
};
const cafe: AnswerKey = { answer: 'Café Müller', accepted: [], kind: 'place', rivals: [], prompt: 'They met at _____.' };
const headquarters: AnswerKey = {
  answer: 'war-fighting headquarters',
  accepted: [],
  kind: 'quote',
  rivals: [],
  prompt: 'Hegseth called it a “_____”.',
};

const accepted: [AnswerKey, string][] = [
  [troops, '50,000'],
  [troops, '50000'],
  [troops, '50 000'],
  [troops, 'fifty thousand'],
  [troops, '50k'],
  [troops, '50 thousand'],
  [troops, 'more than 50,000 troops'],
  [troops, 'I think it is 50,000!'],
  [year, '2027'],
  [year, "I think it's 2027"],
  [year, 'by 2027.'],
  [month, 'March 2025'],
  [month, 'late march 2025'],
  [month, 'Mar 2025'],
  [minister, 'Gen Nakatani'],
  [minister, 'gen nakatani'],
  [minister, 'Nakatani'],
  [minister, 'Nakatni'],
  [minister, 'Defense Minister Nakatani'],
  [minister, '  NAKATANI  '],
  [press, 'Associated Press'],
  [press, 'the associated press'],
  [press, 'AP'],
  [press, 'Associated Pres'],
  [air, 'Air.'],
  [islands, 'the Senkanku Islands'],
  [islands, 'Senkaku islands'],
  [sea, 'East China See'],
  [cafe, 'cafe muller'],
  [cafe, 'CAFÉ MÜLLER'],
  [headquarters, 'war fighting headquarters'],
  [headquarters, '"War-Fighting Headquarters"'],
];

const rejected: [AnswerKey, string][] = [
  [troops, '5,000'],
  [troops, '500,000'],
  [troops, '40,000 or 50,000'],
  [troops, 'fifty'],
  [troops, ''],
  [year, '2026'],
  [year, '2025 or 2027'],
  [year, 'not 2027'],
  [month, '2025'],
  [month, 'April 2025'],
  [month, 'March 2024'],
  [minister, 'Hegseth'],
  [minister, 'Nakatani or Hegseth'],
  [minister, 'Gen'],
  [minister, 'Tanaka'],
  [press, 'Press'],
  [press, 'New York Times'],
  [press, 'AP or the New York Times'],
  [air, 'chair'],
  [air, 'airs'],
  [islands, 'Taiwan'],
  [islands, 'Senkanku Islands, Taiwan, Tokyo'],
  [islands, 'Senkanku Islands or Okinawa'],
  [headquarters, 'headquarters'],
  [sea, 'East China or South China Sea'],
  [minister, 'x'.repeat(500)],
];

describe('checkAnswer accepts what a fair quizmaster accepts', () => {
  it.each(accepted.map(([key, given]) => [key.answer, given, key] as const))('accepts for %s: %j', (_answer, given, key) => {
    expect(checkAnswer(key, given)).toMatchObject({ correct: true });
  });
});

describe('checkAnswer rejects what is wrong', () => {
  it.each(rejected.map(([key, given]) => [key.answer, given, key] as const))('rejects for %s: %j', (_answer, given, key) => {
    expect(checkAnswer(key, given)).toMatchObject({ correct: false });
  });

  it('says a message listing several candidates names several', () => {
    expect(checkAnswer(year, '2025 or 2027').reason).toBe('several');
    expect(checkAnswer(troops, '40,000 or 50,000').reason).toBe('several');
    expect(checkAnswer(minister, 'Nakatani or Hegseth').reason).toBe('several');
  });
});

describe('checkAnswer checks short forms against the knowledge', () => {
  it('accepts a last name alone only when no other person in the knowledge has it', () => {
    const robert: AnswerKey = {
      answer: 'Robert Guiscard',
      accepted: [],
      kind: 'person',
      rivals: ['Alexius Komnenos'],
      prompt: 'The Normans were led by _____.',
    };
    expect(checkAnswer(robert, 'Guiscard')).toMatchObject({ correct: true });
    const shared: AnswerKey = { ...robert, rivals: ['Roger Guiscard', 'Alexius Komnenos'] };
    expect(checkAnswer(shared, 'Guiscard')).toMatchObject({ correct: false });
    expect(checkAnswer(shared, 'Robert Guiscard')).toMatchObject({ correct: true });
  });
});
