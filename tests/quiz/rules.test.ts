import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/core/knowledge/types.js';
import { asQuestion, BLANK, selfContained } from '../../src/core/quiz/forms.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import { blankRules, distractorRules, questionRules, sentenceRules } from '../../src/core/quiz/rules.js';

/** A generated question as the check sees it. */
function question(prompt: string, answer: string, extra: Partial<Question> = {}): Question {
  return {
    id: `q-${answer}`,
    origin: 'generated',
    prompt,
    cloze: prompt,
    answer,
    accepted: [],
    kind: 'other',
    rivals: [],
    wrong: null,
    explanation: null,
    citation: { file: 'f.md', title: 'F', section: null, paragraph: 1, lines: [1, 1], url: null },
    source: prompt.replace(BLANK, answer),
    passageId: `f.md#${prompt}`,
    sourceHash: null,
    file: 'f.md',
    tags: [],
    fact: `name:${answer}`,
    ...extra,
  };
}

describe('the quiz rules catch what the issue saw on real material', () => {
  it('flags markup, code, identifiers, file names and URLs in a sentence', () => {
    expect(sentenceRules('Set DOTENV_PRIVATE_KEY_PRODUCTION (found in .env.keys) to decrypt the file.')).toContain('code');
    expect(sentenceRules('Refer to the [Node documentation](https://nodejs.org/api) for the details of streams.')).toEqual(
      expect.arrayContaining(['markup', 'url']),
    );
    expect(sentenceRules('Call z.string() to validate a value before you parse the whole object.')).toContain('code');
    expect(sentenceRules('The loader reads settings from config.yaml when the process starts up.')).toContain('code');
    expect(sentenceRules('Japan is also home to more than 50,000 U.S. troops stationed at bases.')).toEqual([]);
  });

  it('flags fragments, list intros, filler and sentences too long to read aloud', () => {
    expect(sentenceRules('You can also use the CLI to inject them before Node starts:')).toContain('not-a-sentence');
    expect(sentenceRules('4 for NZ, 809, 829, and 849 for the Dominican Republic.')).toContain('not-a-sentence');
    expect(sentenceRules('This project is licensed under the MIT license, see the file for details.')).toContain('filler');
    expect(sentenceRules(`${'Words follow words '.repeat(15)}until the end.`)).toContain('not-a-sentence');
  });

  it('flags a blank the prompt gives away, an attribution and a blank joined to an identifier', () => {
    expect(blankRules('See RFC _____ [RFC3339] for details of the date format used here.', BLANK, ['3339'], 'number')).toContain(
      'gives-away',
    );
    expect(blankRules('The river is 1,232 kilometres (_____ miles) long from source to sea.', BLANK, ['766'], 'number')).toContain(
      'gives-away',
    );
    expect(
      blankRules('Hegseth said there would be more exercises near Taiwan, according to the _____.', BLANK, ['Times'], 'organization'),
    ).toContain('attribution');
    expect(blankRules('Set DOTENV_______KEY_PRODUCTION to decrypt the file at runtime.', BLANK, ['PRIVATE'], 'acronym')).toContain('code');
    expect(blankRules('Japan named _____ its ally in deterring China in the region.', BLANK, ['Japan'], 'place')).toContain(
      'answer-in-prompt',
    );
  });

  it('flags numbers out of range or not whole like the answer, and years that are not years', () => {
    expect(distractorRules({ answer: '1082', kind: 'date', wrong: ['1.5', '2,700,000', '4.95'] })).toEqual(['implausible-distractor']);
    expect(distractorRules({ answer: '1082', kind: 'date', wrong: ['1081', '1085', '1079'] })).toEqual([]);
    expect(distractorRules({ answer: '50,000', kind: 'number', wrong: ['25,000', '75,000', '10,000'] })).toEqual([]);
    expect(distractorRules({ answer: '50,000', kind: 'number', wrong: ['25,000', '1.5', '10,000'] })).toEqual(['implausible-distractor']);
  });

  it('flags an unresolved subject, a repeated sentence and an answer an earlier prompt shows', () => {
    const islands = question('They are located along disputed areas in the _____ and near Taiwan.', 'East China Sea', { kind: 'place' });
    expect(questionRules(islands)).toContain('unresolved-subject');
    const first = question('China conducted a large-scale military drill around _____ last spring.', 'Taiwan', { kind: 'place' });
    const again = question('_____ conducted a large-scale military drill around Taiwan last spring.', 'China', {
      kind: 'place',
      source: first.source,
    });
    expect(questionRules(again, [first])).toEqual(expect.arrayContaining(['repeated-sentence', 'shown-earlier']));
    // `China` inside `East China Sea` does not name China.
    const sea = question('The Senkanku Islands lie in the East China Sea, near _____ and Japan.', 'Taiwan', { kind: 'place' });
    const china = question('_____ claims the self-ruled island and has threatened to take it by force.', 'China', { kind: 'place' });
    expect(questionRules(china, [sea])).toEqual([]);
  });
});

describe('question forms', () => {
  const entity = (extra: object = {}) => ({ kind: 'number' as const, text: 'x', start: 0, end: 1, ...extra });

  it('asks a real question where the grammar allows, and keeps the cloze elsewhere', () => {
    expect(asQuestion(`Japan is also home to more than ${BLANK} U.S. troops.`, 'number', '50,000', entity({ unit: 'troops' }))).toBe(
      'Japan is also home to more than how many U.S. troops?',
    );
    expect(asQuestion(`Japan plans to double its defense spending by ${BLANK}.`, 'date', '2027', entity({ kind: 'date' }))).toBe(
      'Japan plans to double its defense spending by what year?',
    );
    expect(
      asQuestion(
        `${BLANK} claims the self-ruled island and has threatened to take it by force.`,
        'place',
        'China',
        entity({ kind: 'place' }),
      ),
    ).toBe('Which country claims the self-ruled island and has threatened to take it by force?');
    expect(
      asQuestion(`${BLANK} also said he told his counterpart about the plans.`, 'person', 'Gen Nakatani', entity({ kind: 'person' })),
    ).toBe('Who said he told his counterpart about the plans?');
    // In an opening phrase, after an article, or in the middle of a sentence: the cloze reads better.
    expect(
      asQuestion(`In ${BLANK}, the plague killed about half of the inhabitants.`, 'date', '1656', entity({ kind: 'date' })),
    ).toBeNull();
    expect(asQuestion(`From 1073, 8,000 of the ${BLANK} troops were Normans.`, 'number', '20,000', entity({ unit: 'troops' }))).toBeNull();
    expect(
      asQuestion(
        `Talks with Defense Minister ${BLANK}, said the U.S. would abide by promises.`,
        'person',
        'Gen Nakatani',
        entity({ kind: 'person' }),
      ),
    ).toBeNull();
  });

  it('makes a sentence self-contained from the one before it, or drops it', () => {
    const passage = (id: string, text: string, prev: string | null, entities: Passage['entities'] = []): Passage => ({
      id,
      file: 'f.md',
      title: 'Warsaw',
      url: null,
      tags: [],
      headings: [],
      paragraph: 1,
      sentence: 0,
      lines: [1, 1],
      text,
      entities,
      hash: '',
      prev,
      next: null,
    });
    const first = passage('a', 'Japan wants to defend the Senkanku Islands with the U.S.', null, [
      { kind: 'place', text: 'Senkanku Islands', start: 26, end: 42 },
    ]);
    const byId = new Map([['a', first]]);
    expect(selfContained(passage('b', 'The islands are located in the East China Sea.', 'a'), byId, 'F')?.text).toBe(
      'The Senkanku Islands are located in the East China Sea.',
    );
    expect(selfContained(passage('c', "The city's garrison resisted until February 1082.", null), byId, 'Warsaw')?.text).toBe(
      "Warsaw's garrison resisted until February 1082.",
    );
    expect(selfContained(passage('d', 'They agreed to bolster the defense posture.', 'a'), byId, 'F')).toBeNull();
    expect(selfContained(passage('e', 'Finally it spread to northwestern Russia in 1351.', 'a'), byId, 'F')).toBeNull();
  });
});
