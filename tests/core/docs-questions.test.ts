import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { AnswerEngine, type EngineOptions } from '../../src/core/search/engine.js';
import { analyzeQuestion, docsCues } from '../../src/core/search/analyze-question.js';
import { featuresOf, scoringFor } from '../../src/core/search/rank.js';
import { tempDir } from '../helpers.js';

/** An engine over files written to a fresh folder: `{ 'a.md': 'text' }`. */
async function engineOver(files: Record<string, string>, options: Partial<EngineOptions> = {}): Promise<AnswerEngine> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), `${text}\n`);
  return new AnswerEngine(await KnowledgeBase.load(dir), options);
}

const first = (e: AnswerEngine, q: string) => e.answer(q).snippets[0]?.text ?? '';

/** A README of a made-up package, in the shape real ones have. */
const README = [
  '# tidewatch',
  '',
  'Tidewatch reads tide gauges and reports the water level of a harbour.',
  '',
  '## About',
  '',
  'Contributions to tidewatch are welcome from every harbour.',
  '',
  'Tidewatch is a small reporter for the gauges of one harbour.',
  '',
  '## Polling',
  '',
  'The gauge is read on a timer and each reading is kept in memory for the report.',
  '',
  'The polling interval defaults to 30 seconds when no interval is given.',
  '',
  '## Retention',
  '',
  'Readings older than a day are dropped from the report.',
  '',
  '## Alerts',
  '',
  'An alert is sent to the harbour office when the water level passes the mark.',
  '',
  'To send alerts to a chat room, use the webhookUrl option of the reporter.',
  '',
  'Set the alertsMuted option to keep the reporter quiet.',
  '',
  'The alert text names the harbour and the gauge that passed the mark.',
  '',
  '## Environment',
  '',
  'The reporter reads the TIDEWATCH_TOKEN environment variable for its credentials.',
  '',
  '## Power',
  '',
  'Gauges stop reporting when they have no light, unless the keepAwake flag is set on them.',
].join('\n');

describe("developers' questions on docs", () => {
  it('finds the sentences under a heading by the words of the heading path', async () => {
    const e = await engineOver({ 'tidewatch.md': README, 'other.md': '# Boats\n\nBoats are kept in the harbour over the winter.' });
    // `retention` stands only in the heading over the answer.
    const r = e.answer('what is the retention of tidewatch readings');
    expect(r.snippets[0]!.text).toContain('older than a day are dropped');
    expect(r.snippets[0]!.citation.section).toBe('tidewatch › Retention');
    expect(e.index.has('retent')).toBe(true);
  });

  it('tells what a developer asks for: a how-to, a default, an option, a reason, a yes or no', () => {
    expect(docsCues('how do i send alerts to slack')).toEqual(['howto']);
    expect(docsCues('is there a way to skip the report')).toContain('howto');
    expect(docsCues('what does the interval default to')).toEqual(['default']);
    expect(docsCues('which flag keeps the gauges awake')).toEqual(['option']);
    expect(docsCues('why does the reporter throw a malformed error')).toEqual(['why']);
    expect(docsCues('does tidewatch work in the browser')).toEqual(['yesno']);
    expect(docsCues('Who founded the harbour office?')).toEqual([]);
  });

  it('answers a how-to question with the "To …, use …" sentence, and a default question with "defaults to"', async () => {
    const e = await engineOver({
      'tidewatch.md': README,
      'chat.md':
        '# Harbour tools\n\nA chat room gets alerts from many harbour tools.\n\nThe polling interval of the chat room is shown in its header.',
    });
    const howTo = 'how do i get alerts into a chat room';
    const byDefault = 'what is the polling interval by default';
    expect(first(e, howTo)).toContain('To send alerts to a chat room, use');
    expect(first(e, byDefault)).toContain('defaults to 30 seconds');
    // The cue is what tells them from sentences with the same words.
    const q = analyzeQuestion(howTo, { index: e.index, acronyms: [], synonyms: [] });
    const cueOf = (id: string) => featuresOf(scoringFor(q), e.index.get(id)!, 0).features.cue;
    const ids = e.index.search(['chat', 'room'], () => 1, 10).map((h) => h.id);
    expect(ids.map((id) => [e.index.get(id)!.passage.text.slice(0, 24), cueOf(id)])).toEqual(
      expect.arrayContaining([
        ['A chat room gets alerts ', 0],
        ['To send alerts to a chat', 1],
      ]),
    );
  });

  it('finds an option by the words its name is made of', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    // `muted` is a word of the knowledge only as a part of `alertsMuted`.
    const r = e.answer('which option mutes tidewatch', { explain: true });
    expect(r.snippets[0]!.text).toContain('alertsMuted option');
    expect(r.explain!.unknownTerms).toEqual([]);
  });

  it('answers "what\'s X" with the sentence that says what X is', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    expect(first(e, "what's tidewatch")).toContain('Tidewatch is a small reporter');
  });

  it('reads developer abbreviations as the words docs spell out', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    const r = e.answer('which env var holds the tidewatch token', { explain: true });
    expect(r.snippets[0]!.text).toContain('TIDEWATCH_TOKEN environment variable');
    expect(r.explain!.terms.find((t) => t.from === 'env')!.expansions).toContain('environment');
  });

  it('abstains on a question about a thing the docs never name, and says which', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    const r = e.answer('how do I deploy tidewatch alerts on kubernetes');
    expect(r).toMatchObject({ abstained: true, reasonCode: 'missing-term' });
    expect(r.reason).toMatch(/kubernetes/i);
  });

  it('still answers when the word the docs lack only describes the situation (a verb), or is an everyday noun', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    expect(first(e, 'tidewatch alerts spammed the harbour office when the water level passes the mark')).toContain(
      'An alert is sent to the harbour office',
    );
    expect(first(e, 'what is the role of the harbour office for tidewatch alerts')).toContain('harbour office');
  });

  it("takes a version the docs never mention for the asker's example, and a version they have as one term", async () => {
    const e = await engineOver({
      'tidewatch.md': `${README}\n\n## Upgrading\n\nFrom ^2.0.0 on, the gauge readings are kept for a week.`,
    });
    const r = e.answer('since tidewatch 2.4.1 how long are the gauge readings kept', { explain: true });
    expect(r.abstained).toBe(false);
    expect(r.explain!.terms.map((t) => t.term)).not.toContain('2.4.1');
    expect(first(e, 'what changed in ^2.0.0 for the readings')).toContain('kept for a week');
  });

  it('does not correct a package name into a word, and says the docs do not mention it', async () => {
    const e = await engineOver({ 'tidewatch.md': `${README}\n\n## Days\n\nReadings are grouped by days in the report.` });
    // `dayjs` is one letter from `days`, which the knowledge has.
    const r = e.answer('how do i group tidewatch readings by dayjs', { explain: true });
    expect(r.explain!.terms.find((t) => t.from === 'dayjs')).toMatchObject({ term: 'dayjs', corrected: false });
    expect(r).toMatchObject({ abstained: true, reasonCode: 'missing-term', reason: 'nothing in the knowledge mentions dayjs' });
  });

  it('finds the sentence that introduces code by the names the code uses, but not by its comments', async () => {
    const docs = [
      '# tidewatch',
      '',
      '## Usage',
      '',
      'Tidewatch reports the water level of a harbour.',
      '',
      'To keep the report small:',
      '',
      '```js',
      '// trims old gauge readings',
      'reporter.configure({ compactReadings: true });',
      '```',
      '',
      'The report lists every gauge of the harbour.',
    ].join('\n');
    const e = await engineOver({ 'tidewatch.md': docs });
    const r = e.answer('how do i compact tidewatch readings', { explain: true });
    expect(e.index.get(r.snippets[0]!.passageId)!.passage.text).toBe('To keep the report small:');
    expect(r.snippets[0]!.code![0]!.text).toContain('compactReadings');
    // A word only in the code is not one the knowledge lacks, and is not corrected into another.
    expect(r.explain!.terms.find((t) => t.from === 'compact')).toMatchObject({ corrected: false });
    expect(e.index.inCode('compact')).toBe(true);
    // Comments are not indexed as the code's names.
    expect(e.index.inCode('trim')).toBe(false);
  });

  it("answers when the word the docs lack is a verb of the asker's case or part of a URL the asker quotes", async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    // `silences` and `myharbour` are rare words no passage has; neither is what the question is about.
    expect(first(e, 'which tidewatch option silences alerts')).toContain('alertsMuted option');
    expect(first(e, 'tidewatch alerts to https://myharbour.example.org/room, which option sends them to a chat room')).toContain(
      'webhookUrl option',
    );
    // Nor is a value the asker gives a flag.
    expect(first(e, 'i run tidewatch --interval 45, what does the polling interval default to')).toContain('defaults to 30 seconds');
    // A rare noun still is.
    expect(e.answer('which tidewatch option sends alerts to a grafana chat room').reasonCode).toBe('missing-term');
  });

  it('takes a rare word joining two words the docs use for a compound of them, not for a missing name', async () => {
    const e = await engineOver({ 'tidewatch.md': `${README}\n\n## Sleep\n\nGauges sleep at night to save the power of their battery.` });
    // `batterypower` is no word of the docs, but `battery` and `power` are.
    const r = e.answer('do tidewatch gauges sleep at night to save batterypower');
    expect(r.reasonCode).toBeNull();
    expect(r.snippets[0]?.text).toContain('Gauges sleep at night');
    // A rare word that joins no two of their words is still a name they lack.
    expect(e.answer('do tidewatch gauges sleep at night to save grafanaboard').reasonCode).toBe('missing-term');
  });

  it('takes a rare word ending a compound whose first noun the docs have for a part of that thing, not for a missing name', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    // `gauge jitter`: a kind of thing about gauges, which the docs may word otherwise.
    expect(first(e, 'which option keeps the tidewatch reporter quiet about gauge jitter')).toContain('alertsMuted option');
    // `jitter gauges` and `jitter` alone: a thing the docs never name.
    expect(e.answer('which option keeps the tidewatch reporter quiet about jitter gauges').reasonCode).toBe('missing-term');
    expect(e.answer('which option keeps the tidewatch reporter quiet about jitter').reasonCode).toBe('missing-term');
  });

  it('shows supporting snippets of sectioned docs from different paragraphs, and of prose from the same one', async () => {
    const paragraph = [
      'Gauge readings are kept in memory for a week.',
      'Gauge readings are kept rounded to a centimetre.',
      'Gauge readings are kept with the time of the reading.',
    ].join(' ');
    const rest = [
      'The report lists every harbour of the coast.',
      'The report is printed at noon for the office.',
      'Old gauge readings are kept in the archive file.',
    ];
    const ask = (e: AnswerEngine) =>
      e.answer('how are gauge readings kept', { minSupportRatio: 0 }).snippets.map((s) => e.index.get(s.passageId)!.passage.paragraph);
    const sectioned = ask(await engineOver({ 'tidewatch.md': ['# tidewatch', '## Readings', paragraph, ...rest].join('\n\n') }));
    expect(sectioned.length).toBeGreaterThan(1);
    expect(new Set(sectioned).size).toBe(sectioned.length);
    const prose = ask(await engineOver({ 'tidewatch.txt': [paragraph, ...rest].join('\n\n') }));
    expect(new Set(prose).size).toBeLessThan(prose.length);
  });

  it('does not correct a word typed in capitals into another word', async () => {
    const e = await engineOver({ 'tidewatch.md': README });
    // `TOML` is one letter from `tool`, which the knowledge has.
    const r = e.answer('does tidewatch read its settings from a TOML file', { explain: true });
    expect(r.explain!.terms.find((t) => t.from === 'TOML')).toMatchObject({ term: 'toml', corrected: false });
    expect(r.explain!.unknownTerms).toContain('TOML');
  });

  it('goes on into the next paragraph of the same section for the answer, and never into another section', async () => {
    const faq = [
      '# tidewatch',
      '',
      '## FAQ',
      '',
      'Why does a gauge stop reporting at night?',
      '',
      'Gauges sleep without light until the keepAwake flag is set.',
      '',
      '## Boats',
      '',
      'Boats are moored by the gauges at night.',
    ].join('\n');
    const e = await engineOver({ 'tidewatch.md': faq });
    const r = e.answer('why does a gauge stop reporting at night');
    expect(r.snippets[0]!.text).toBe(
      'Why does a gauge stop reporting at night? Gauges sleep without light until the keepAwake flag is set.',
    );
    const last = e.index.get(r.snippets[0]!.passageId)!;
    expect(e.index.get(last.after!)!.after).toBeNull();
  });
});
