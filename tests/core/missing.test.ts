import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { missingTermQuestions, namesMissing } from '../../scripts/confidence-data.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = new AnswerEngine(await KnowledgeBase.load('knowledge'));
});

describe('questions about something the knowledge never mentions', () => {
  it('abstains naming the missing name, number or product on at least 0.80 of the bundled-article set', () => {
    const set = missingTermQuestions().filter((m) => m.knowledge === 'bundled');
    expect(set.length).toBeGreaterThanOrEqual(20);
    const handled = set.filter((m) => namesMissing(engine.answer(m.q), m));
    expect(handled.length / set.length).toBeGreaterThanOrEqual(0.8);
  });

  it('says what is missing in words, with the whole name', () => {
    const r = engine.answer('What did South Korea say about the talks?');
    expect(r).toMatchObject({
      abstained: true,
      reasonCode: 'missing-term',
      reason: 'nothing in the knowledge mentions South Korea',
      snippets: [],
    });
    expect(engine.answer('How many F-35 fighters will Japan buy?').reason).toBe('nothing in the knowledge mentions F-35');
    expect(engine.answer('What did Prime Minister Ishiba say about the visit?').reason).toBe(
      'nothing in the knowledge mentions Prime Minister Ishiba',
    );
  });

  it('does not take a misspelt name, or a word the knowledge has in another form, for a missing one', () => {
    expect(engine.answer('Where are the Senkaku Islands?').abstained).toBe(false);
    expect(engine.answer('What did Hegseth say about deterring China?').abstained).toBe(false);
    expect(engine.answer('Who did Hegseth meet in Tokyo?').abstained).toBe(false);
  });

  it('can be turned off', () => {
    const lenient = new AnswerEngine(
      { files: () => engine['source'].files(), acronyms: () => [], synonyms: () => [] },
      { abstainOnMissing: false },
    );
    expect(lenient.answer('What did South Korea say about the talks?').reasonCode).not.toBe('missing-term');
  });
});
