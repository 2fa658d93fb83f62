import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { confidenceWords } from '../../src/core/search/confidence.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { sameAnswer } from '../../scripts/confidence-data.js';
import { fitLogistic, reliability } from '../../scripts/logistic.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = new AnswerEngine(await KnowledgeBase.load('knowledge'));
});

describe('confidence', () => {
  it('is a probability that is higher for a squarely answered question than for a loosely matched one', () => {
    const sure = engine.answer('When will Japan double its defense spending?');
    const loose = engine.answer('Which islands did they talk about protecting?');
    expect(sure.confidence).toBeGreaterThan(0.9);
    expect(sure.confidence).toBeLessThanOrEqual(1);
    expect(loose.confidence).toBeLessThan(sure.confidence);
    expect(loose.confidence).toBeGreaterThanOrEqual(0);
  });

  it('explains the inputs it came from and the short answer it weighed', () => {
    const r = engine.answer('When will Japan double its defense spending?', { explain: true });
    expect(r.explain!.confidence!.value).toBe(r.confidence);
    expect(r.explain!.confidence!.inputs.margin).toBeGreaterThanOrEqual(0);
    expect(r.explain!.shortAnswer).toMatchObject({ text: '2027', kind: 'date', shown: true });
  });

  it('shows no short answer for a kind whose precision bar was never reached', () => {
    const withoutDates = new AnswerEngine(
      { files: () => engine['source'].files(), acronyms: () => [], synonyms: () => [] },
      { shortAnswers: {} },
    );
    const r = withoutDates.answer('When will Japan double its defense spending?', { explain: true });
    expect(r.answer).toBeNull();
    expect(r.explain!.shortAnswer).toMatchObject({ text: '2027', shown: false });
  });

  it('is worded for people, from very likely to may not', () => {
    expect(confidenceWords(0.97)).toBe('This passage very likely answers your question.');
    expect(confidenceWords(0.75)).toBe('This passage likely answers your question.');
    expect(confidenceWords(0.5)).toBe('This passage possibly answers your question.');
    expect(confidenceWords(0.1)).toBe('This passage may not answer your question.');
  });
});

describe('fitting scripts', () => {
  it('fits a logistic model that recovers a clear separation, and measures calibration error', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ x: [1, (i % 20) / 10 - 1], y: i % 20 >= 10 ? 1 : 0 }));
    const b = fitLogistic(rows);
    expect(b[1]).toBeGreaterThan(5);
    expect(
      reliability([
        { p: 0.95, y: 1 },
        { p: 0.05, y: 0 },
      ]).ece,
    ).toBeCloseTo(0.05);
    expect(reliability([{ p: 0.9, y: 0 }]).ece).toBeCloseTo(0.9);
  });

  it('counts a short answer right when it is the gold span, or holds it with little more', () => {
    expect(sameAnswer('Gen Nakatani', 'Nakatani')).toBe(true);
    expect(sameAnswer('at most 2000', '2000')).toBe(true);
    expect(sameAnswer('the 10th century', '10th century')).toBe(true);
    expect(sameAnswer('1998', 'Astra 2A')).toBe(false);
    expect(sameAnswer('the United States of America and its allies in Europe', 'Europe')).toBe(false);
  });
});
