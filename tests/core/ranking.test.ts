import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { AnswerEngine, type EngineOptions } from '../../src/core/search/engine.js';
import { analyzeQuestion, specificity } from '../../src/core/search/analyze-question.js';
import { tempDir } from '../helpers.js';

/** An engine over files written to a fresh folder: `{ 'a.txt': 'text' }`. */
async function engineOver(files: Record<string, string>, options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), `${text}\n`);
  return new AnswerEngine(await KnowledgeBase.load(dir), options);
}

describe('re-ranking', () => {
  it('matches another form of a word that stemming keeps apart, and marks it', async () => {
    const e = await engineOver({
      'court.txt': 'The duke followed the hunt all his life.\n\nThe duke followed the Calvinist religion all his life.',
    });
    expect(e.index.derivedTerms('religi')).toContain('religion');
    const r = e.answer('What did the duke follow religiously all his life?', { explain: true });
    const s = r.snippets[0]!;
    expect(s.text).toContain('Calvinist religion');
    expect(r.explain!.terms.find((t) => t.from === 'religiously')!.derived).toContain('religion');
    expect(s.highlights.map((h) => s.text.slice(h.start, h.end))).toContain('religion');
  });

  it('re-ranks the sentences next to the ones minisearch found, though they share no word with the question', async () => {
    const long =
      'The great airship docked at the Friedrichshafen hangar in the late summer of 1936, after a long and stormy flight over the sea from the south that had kept the whole town waiting on the shore for two days, and thousands came out to watch the grey hull slide slowly into the shed while the band played and the mayor made a speech that nobody could hear above the engines.';
    const files = { 'airship.txt': `${long} Captain Lehmann led its forty men.`, 'town.txt': 'The town hall was rebuilt after the war.' };
    const q = 'Who commanded the airship docked at the Friedrichshafen hangar?';
    // The long sentence leaves no room for its neighbour in its snippet; the neighbour, found
    // only next to it, is the supporting snippet (minisearch's score 0).
    const r = (await engineOver(files)).answer(q, { explain: true });
    expect(r.snippets.map((s) => s.text)).toEqual([long, 'Captain Lehmann led its forty men.']);
    expect(r.explain!.candidates[1]).toMatchObject({ retrieval: 0, text: 'Captain Lehmann led its forty men.' });
    const without = (await engineOver(files, { neighbourCandidates: 0 })).answer(q);
    expect(without.snippets.map((s) => s.text)).toEqual([long]);
  });

  it('puts the sentence with the question’s own word above one with only another form of it', async () => {
    const e = await engineOver({
      'duchy.txt': 'The rulers of the duchy met in the old hall every spring.\n\nThe duchy was ruled by Rollo and his sons for a century.',
    });
    expect(e.answer('Who ruled the duchy?').snippets[0]!.text).toContain('Rollo');
  });

  it('does not count a short shared beginning as the same word', async () => {
    const e = await engineOver({ 'a.txt': 'The formal dinner was held in the hall.' });
    expect(e.index.derivedTerms('form')).toContain('formal');
    expect(e.index.derivedTerms('hal')).toEqual([]);
    expect(e.index.derivedTerms('dinner')).toEqual([]);
  });

  it('takes a word with the first four letters in common for another form only when they are most of it', async () => {
    const e = await engineOver({ 'a.txt': 'The compact complex was a composition of steel and glass.' });
    // `compos` (composed) and `composit` share six letters; `compact` and `complex` only four.
    expect(e.index.derivedTerms('compos')).toEqual(['composit']);
  });

  it('puts a sentence that says what something is above one that only mentions it, for "what is" questions', async () => {
    const e = await engineOver({
      'a.txt': 'The old Tolbooth stood in the market square for years.',
      'b.txt': 'Visitors to the market square often walked past the Tolbooth gate.',
      'c.txt': 'The Tolbooth was a town hall and prison in one building.',
      'd.txt': 'Later the council called Tolbooth a relic of harsher times.',
    });
    const first = (q: string) => e.answer(q, { explain: true }).snippets[0]!.text;
    expect(first('What was the Tolbooth?')).toContain('town hall and prison');
    expect(
      e
        .answer('What was the Tolbooth?', { explain: true })
        .explain!.candidates.filter((c) => c.typeMatch === 1)
        .map((c) => c.text),
    ).toEqual(expect.arrayContaining([expect.stringContaining('town hall'), expect.stringContaining('called Tolbooth a relic')]));
    // A word that merely ends in the subject is not the subject.
    expect(e.answer('What was the booth?', { explain: true }).explain!.candidates.every((c) => c.typeMatch === 0)).toBe(true);
  });
});

describe('abstention', () => {
  const files = {
    'comets.txt':
      'Comets are icy bodies that orbit the Sun.\n\nA comet grows a tail of dust and gas near the Sun.\n\nHalley’s comet returns every 76 years.',
    'bread.txt': 'Bread is made of flour, water and yeast.\n\nThe dough is left to rise before baking.',
    'ships.txt': 'Sailing ships carried spices across the ocean.\n\nThe crew slept in hammocks below deck.',
  };

  it('finds candidates gathered in one file for a question the knowledge answers', async () => {
    const e = await engineOver(files);
    const r = e.answer('How often does Halley’s comet return?', { explain: true });
    expect(r.abstained).toBe(false);
    expect(r.explain!.focus).toBeGreaterThan(0.5);
  });

  it('weighs the everyday words of a question less than its rare ones when deciding to answer', async () => {
    const e = await engineOver(files);
    const q = analyzeQuestion('Does Halley’s comet return near the Sun?', { index: e.index, acronyms: [], synonyms: [] });
    const weight = (from: string) => specificity(q.groups.find((g) => g.from.toLowerCase().startsWith(from))!);
    expect(weight('halley')).toBe(1);
    expect(weight('near')).toBeLessThan(0.6);
    // The best sentence has Halley, comet and return but not `near the Sun`: it covers more of
    // the question's weight for answering than for ranking.
    const r = e.answer('Does Halley’s comet return near the Sun?', { explain: true });
    expect(r.snippets[0]!.text).toContain('every 76 years');
    expect(r.explain!.covered).toBeGreaterThan(r.explain!.candidates[0]!.coverage + 0.1);
  });

  it('answers from a lower-ranked sentence that looks answerable when the best-ranked does not, and shows it first', async () => {
    const town = {
      'tolbooth.md': '---\ntitle: The Tolbooth\n---\nThe Tolbooth stands on the high street.',
      'market.txt': 'The old market town was built around a square where traders met every week.',
      'river.txt': 'A bridge was built over the river in the old town.',
    };
    const q = 'What was the old town’s Tolbooth built for?';
    // Weighing the best-ranked sentence alone, the engine abstains: the bridge sentence matches
    // more of the question's words, but only the Tolbooth one, in the file named for it, looks
    // like the knowledge answers.
    const alone = (await engineOver(town, { weighedSentences: 1 })).answer(q, { explain: true });
    expect(alone.explain!.candidates[0]!.text).toContain('bridge');
    expect(alone.abstained).toBe(true);
    const r = (await engineOver(town)).answer(q);
    expect(r.abstained).toBe(false);
    expect(r.snippets[0]!.text).toBe('The Tolbooth stands on the high street.');
  });

  it('sees the words of an unrelated question scattered over the files, and abstains', async () => {
    const e = await engineOver(files);
    const r = e.answer('Which ocean crew baked bread with comet dust?', { explain: true });
    expect(r.explain!.focus).toBeLessThan(0.5);
    expect(r.abstained).toBe(true);
    expect(r.reasonCode).toBe('weak-match');
  });
});

describe('snippets', () => {
  it('shows the next sentence when it goes on about the same thing', async () => {
    const e = await engineOver({
      'bridge.txt':
        'The old stone bridge over the river was finished in the spring of 1820 after many delays and a long winter. It carried the mail coach to the capital for a hundred years.',
    });
    const s = e.answer('When was the old stone bridge finished?').snippets[0]!;
    expect(s.text).toContain('It carried the mail coach');
    expect(s.citation.lines).toEqual([1, 1]);
  });

  it('shows the next sentence when it names a key term of the question again', async () => {
    const e = await engineOver({
      'bridge.txt':
        'The old stone bridge over the river was finished in the spring of 1820 after many delays and a long winter. The stone was a grey granite from the hills above the town.',
    });
    const s = e.answer('What kind of stone was the old bridge built of?').snippets[0]!;
    expect(s.text).toContain('finished in the spring');
    expect(s.text).toContain('grey granite');
  });

  it('cuts a long sentence where most of the question’s words stand together', async () => {
    const filler =
      'the farmers of the upper valley counted the wet days of every season, wrote them in their books, compared them with the old almanacs of the parish, argued over the figures at the market, ';
    const e = await engineOver({
      'weather.txt': `The amount of rain in the valley was small, and ${filler}${filler}while NASA's satellite CALIPSO measured the dust carried over the sea each year.`,
    });
    const s = e.answer('Which satellite measured the amount of dust?').snippets[0]!;
    expect(s.text.length).toBeLessThanOrEqual(400);
    expect(s.text).toContain('satellite CALIPSO measured the dust');
    expect(s.text.startsWith('…')).toBe(true);
  });

  it('takes the short answer only from what the snippet shows', async () => {
    const long =
      'The new museum of the harbour town opened its doors to the public in the spring of that year, after long quarrels in the council over the money, the plans, the builders, the old warehouses on the quay and the noise of the works, which went on for nearly four years and cost twice what the town had planned to spend on it.';
    const e = await engineOver({
      'museum.txt': `${long} Its first director was Margaret Ellison Hartley, who had run the library of the university for twenty years before.`,
    });
    const r = e.answer('Who opened the new museum of the harbour town?');
    expect(r.snippets[0]!.text).not.toContain('Hartley');
    expect(r.answer).toBeNull();
  });

  it('keeps a long sentence alone when the next one is about something else', async () => {
    const e = await engineOver({
      'bridge.txt':
        'The old stone bridge over the river was finished in the spring of 1820 after many delays and a long winter. Mail coaches reached the capital in two days.',
    });
    expect(e.answer('When was the old stone bridge finished?').snippets[0]!.text).not.toContain('Mail coaches');
  });
});
