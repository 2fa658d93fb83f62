/**
 * Rules for questions from prose (news, encyclopaedia articles), found grading quizzes on the SQuAD
 * articles earlier rounds had seen (docs/quiz-grading.md, prose round 4): each test is a real sentence
 * of that material that must now be dropped, asked differently or given other choices.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import { BLANK } from '../../src/core/quiz/forms.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import {
  blankRules,
  answerBound,
  distractorRules,
  isArithmetic,
  isExample,
  leansOnContext,
  opensUnresolved,
} from '../../src/core/quiz/rules.js';
import { tempDir } from '../helpers.js';

/** The generated questions of a knowledge folder holding these files. */
async function generatedFrom(files: Record<string, string>): Promise<Question[]> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return buildBank(await KnowledgeBase.load(dir)).questions.filter((q) => q.origin === 'generated');
}

const answers = (questions: Question[], kind: string) => new Set(questions.filter((q) => q.kind === kind).map((q) => q.answer));

describe('prose: kinds need evidence', () => {
  it('takes no charter written after `the` and no company named like an everyday noun for a person', async () => {
    const qs = await generatedFrom({
      'eu.txt': [
        'A toned down version was adopted as the Social Charter at the 1989 Strasbourg European Council.',
        'The Social Charter declares 30 general principles, including on fair remuneration of employment, health and safety at work.',
        'The Social Charter became the basis for European Community legislation on these issues in 40 pieces of legislation.',
      ].join(' '),
      'sky.txt': [
        'In 2007, BSkyB and Virgin Media became involved in a dispute over the carriage of Sky channels on cable TV.',
        'Virgin Media claimed that BSkyB had substantially increased the asking price for the channels, a claim which BSkyB denied.',
        'This allows all set top boxes in a household to share recordings and other media.',
        'Nonetheless, the linear channels were not offered, Virgin Media instead concentrating on its Video On Demand service.',
      ].join(' '),
      'uk.txt': [
        'In 1969 the incumbent Labour government of Harold Wilson set up the Kilbrandon Commission to consider the British constitution.',
        'British Prime Minister Edward Heath was so worried by this prospect that he ordered a British intelligence estimate.',
        'The combined effect of these events led to Prime Minister Wilson committing his government to some form of devolved legislature in 1974.',
        'Heath asked the British to heat only one room in their houses over the winter.',
        'Secretary of State Henry Kissinger said that the embargo was a mistake, and Kissinger flew to the Middle East in November 1973.',
      ].join(' '),
    });
    const people = answers(qs, 'person');
    expect(people.has('Social Charter')).toBe(false);
    expect(people.has('Virgin Media')).toBe(false);
    // People named with a title are still people.
    expect([...people].some((p) => /Heath|Wilson/.test(p))).toBe(true);
  });

  it('offers a surname for a surname and a full name for a full name', async () => {
    const qs = await generatedFrom({
      'uk.txt': [
        'In 1969 the incumbent Labour government of Prime Minister Harold Wilson set up the Kilbrandon Commission.',
        'British Prime Minister Edward Heath was so worried by this prospect that he ordered a British intelligence estimate.',
        'The combined effect of these events led to Prime Minister Wilson committing his government to some form of devolved legislature in 1974.',
        'Heath asked the British to heat only one room in their houses over the winter.',
        'US Secretary of State Henry Kissinger had negotiated an Israeli troop withdrawal from parts of the Sinai Peninsula.',
        'US Defense Secretary James Schlesinger said that the United States might use force against the oil producers.',
        'Historian Daniel Yergin said that the embargo had reshaped the politics of oil for a generation.',
      ].join(' '),
    });
    const withChoices = qs.filter((q) => q.kind === 'person' && q.wrong);
    expect(withChoices.length).toBeGreaterThan(0);
    for (const q of withChoices) {
      const full = q.answer.includes(' ');
      for (const w of q.wrong!) expect(w.includes(' '), `${q.prompt}: ${q.answer} / ${w}`).toBe(full);
    }
  });

  it('takes no tower, street, hall or directive for a body', async () => {
    const qs = await generatedFrom({
      'city.txt': [
        'The tallest building in Downtown Jacksonville is the Bank of America Tower, constructed in 1990 by the Barnett Bank.',
        'Examples of Huguenot streets include French Church Street in Cork City, near the Bank of Ireland.',
        'The Services Directive was adopted by the European Parliament in 2006 after long debate in the Council.',
        'The General Assembly Hall of the Church of Scotland housed the Scottish Parliament from 1999 to 2004.',
      ].join(' '),
    });
    const bodies = answers(qs, 'organization');
    expect(bodies.has('European Parliament') || bodies.has('Church of Scotland')).toBe(true);
    for (const thing of ['Bank of America Tower', 'French Church Street', 'Services Directive', 'General Assembly Hall'])
      expect(bodies.has(thing), thing).toBe(false);
  });

  it("accepts a natural feature's or a county's own name, not a bridge's or a base's first words", async () => {
    const qs = await generatedFrom({
      'places.txt': [
        'In the Manakintown area, the Huguenot Memorial Bridge across the James River was named in their honor in 1950.',
        'In 1964 all 15 of the public high schools of Duval County lost their accreditation after a state review.',
        'The two US Navy bases were joined in 1978 by the Naval Submarine Base Kings Bay in St. Marys, Georgia.',
      ].join(' '),
    });
    const accepted = (answer: string) => qs.find((q) => q.answer === answer)?.accepted;
    expect(accepted('Huguenot Memorial Bridge')).not.toContain('Huguenot Memorial');
    expect(accepted('Naval Submarine Base Kings Bay')).not.toContain('Naval Submarine Base Kings');
    expect(accepted('Duval County')).toContain('Duval');
  });

  it('asks `the _____ islands` as free text: countries do not fit the noun after the blank', async () => {
    const qs = await generatedFrom({
      'eu.txt': [
        'European Union law also applies in territories where a member state is responsible for external relations, for example Gibraltar and the Åland islands.',
        'Latvia, Luxembourg, Greece, Sweden and Finland are member states of the European Union since at least 2004.',
        'The accession treaty of Sweden and Finland was signed at Corfu in Greece in 1994.',
      ].join(' '),
    });
    const aland = qs.filter((q) => q.answer === 'Åland');
    expect(aland.length).toBeGreaterThan(0);
    for (const q of aland) expect(q.wrong, q.prompt).toBeNull();
  });
});

describe('prose: kinds and choices, continued', () => {
  it('takes someone who lives or writes for a person, not a hill or a bay; a year after a name for a year; an article number for neither', async () => {
    const qs = await generatedFrom({
      'cd.txt': [
        'Julia Butterfly Hill lived in Luna, a 180-foot (55 m)-tall, 600-year-old California Redwood tree for 738 days, successfully preventing it from being cut down.',
        'Christian Bay\'s encyclopedia article states that civil disobedience requires "carefully chosen and legitimate means," but holds that they do not have to be non-violent.',
        'The French Confession of 1559 shows a decidedly Calvinistic influence.',
        'If a member state does appeal to the article 36 justification, the measures it takes have to be applied proportionately.',
        'Ships from the Black Sea and the Hawaiian Islands reached the Coachella Valley and Guanabara Bay in 1850.',
        'On 23–24 August, between about 2,000 and 3,000 Protestants were killed in Paris and between 3,000 and 7,000 more in the French provinces.',
        'Huguenot refugees settled in Soho Square in London, in Berlin, in Amsterdam and in Geneva.',
      ].join(' '),
    });
    const places = answers(qs, 'place');
    expect(places.has('Julia Butterfly Hill')).toBe(false);
    expect(places.has('Christian Bay')).toBe(false);
    // A site in a town is not offered beside a town.
    const paris = qs.find((q) => q.answer === 'Paris' && q.wrong);
    expect(paris).toBeDefined();
    expect(paris!.wrong).not.toContain('Soho Square');
    expect(qs.find((q) => q.answer === '1559')?.kind).toBe('date');
    expect(qs.some((q) => q.answer === '36')).toBe(false);
  });

  it('offers a body of the same sort (a committee for a committee, a court for a court), and no quote of only little words', async () => {
    const qs = await generatedFrom({
      'sky.txt': [
        'Michael Grade criticized the operations in front of the Select Committee on National Heritage, mainly for the lack of original programming on many of the new channels.',
        'A few weeks after the deal, ITV went to the High Court to get an injunction as it believed their bid details had been leaked before the decision was taken.',
        'Premier League football rights were sold to the company by the Premier League in 1992 for five years.',
        'In July 2013, the English High Court of Justice found that the use of the term "SkyDrive" infringed on the trademark.',
        'Where the different institutions cannot agree at any stage, a "Conciliation Committee" is convened, representing MEPs, ministers and the Commission.',
        'The Kilbrandon Commission published its report in 1973, and the Scottish Affairs Committee met in 1975.',
        'The Court of Justice, repeating its view in Van Gend en Loos, said member states "albeit within limited spheres, have restricted their sovereign rights and created a body of law applicable both to their nationals and to themselves" on the "basis of reciprocity".',
        'The Court of Justice said that Germany had to recognise "mutual recognition" of products lawfully sold in France.',
      ].join(' '),
    });
    const select = qs.find((q) => q.answer === 'Select Committee' && q.wrong);
    expect(select).toBeDefined();
    for (const w of select!.wrong!) expect(w, w).toMatch(/Committee|Commission|Council|Board/);
    for (const q of qs.filter((x) => x.kind === 'quote')) expect(q.wrong ?? [], q.prompt).not.toContain('on the');
  });
});

describe('prose: prompts a reader can follow', () => {
  it('drops conclusions, examples of something said before, `another <noun>` and a pronoun after an opening phrase', () => {
    for (const s of [
      'Consequently, many Huguenots considered the wealthy and Calvinist Dutch Republic as the most attractive country for exile.',
      'Examples include the Huguenot District and French Church Street in Cork City; and D’Olier Street in Dublin.',
      'In 2012 it investigated the Maltese Commissioner for Health, John Dalli, who quickly resigned after allegations.',
      'Jean Cauvin (John Calvin), another student at the University of Paris, also converted to Protestantism.',
      'The combined effect of these events led to Prime Minister Wilson committing his government to devolution in 1974.',
      'The Social Charter became the basis for European Community legislation on these issues in 40 pieces of legislation.',
      'One of its earliest massive implementations was brought about by Egyptians against the British occupation in the 1919 Revolution.',
      'The competence for the Union to do this was contested in 2005 at the Court of Justice resulting in a victory for the Commission.',
      'For many years it was described as "semi-legal" and was the only opposition group in Egypt able to field candidates during elections.',
      'One result of this was a campaign of attacks on government officials and tourists in Egypt and a civil war in Algeria.',
    ])
      expect(opensUnresolved(s), s).toBe(true);
    // A dummy subject, `one another` and a pronoun after its own subject are not leaning on anything.
    for (const s of [
      'In 1974 it was estimated that the embargo had cost the United States 500,000 jobs.',
      'The two parties agreed to help one another in 1998 and signed a treaty in Paris.',
      'Kilbrandon published his report in 1973 recommending a directly elected Scottish Assembly.',
      'This is the largest private school in New Zealand, and those who attend it pay 20,000 dollars a year.',
    ])
      expect(leansOnContext(s), s).toBe(false);
  });

  it('flags a blank that is one example of several', () => {
    const blanks = [
      `${BLANK}, for example, consist almost entirely of layered basaltic lava flows.`,
      `In countries such as the ${BLANK} whose laws guarantee the right to a jury trial, some civil disobedients seek jury nullification.`,
      `The Huguenot Memorial Bridge and Huguenot Road were named in their honor, as were several schools, including ${BLANK}.`,
    ];
    for (const s of blanks) {
      expect(isExample(s, BLANK), s).toBe(true);
      expect(blankRules(s, BLANK, ['x'], 'place'), s).toContain('example');
    }
    // A count among others is still a count.
    expect(
      blankRules(`The flood killed 300 people, including ${BLANK} children, in the city of Leeds.`, BLANK, ['40'], 'number'),
    ).not.toContain('example');
  });

  it('drops a sentence opening on `However` and one about someone it does not name', async () => {
    const qs = await generatedFrom({
      'law.txt': [
        'The Commission proposed criminal sanctions for pollution offences in 2005 after a toxic waste spill.',
        'However, in October 2007, the Court of Justice ruled that the Commission could not propose what the criminal sanctions could be.',
        'Almost every state in the Union was traversed and mapped by him, the Allegheny Mountains being crossed and recrossed some 50 times.',
        'Kilbrandon published his report in 1973 recommending the establishment of a directly elected Scottish Assembly.',
      ].join(' '),
    });
    const prompts = qs.map((q) => q.prompt);
    // Since round 10's grading, `However, …` answers the sentence before: not asked with `However` cut either.
    expect(prompts.some((p) => p.includes('October 2007'))).toBe(false);
    expect(prompts.some((p) => p.startsWith('However'))).toBe(false);
    expect(prompts.some((p) => p.includes('mapped by him'))).toBe(false);
    expect(prompts.some((p) => p.startsWith('Kilbrandon published his report in'))).toBe(true);
  });

  it('drops a long sentence of many clauses, keeps a long one of few', async () => {
    const qs = await generatedFrom({
      'fl.txt': [
        'Nassau County lies to the north, Baker County lies to the west, and Clay and St. Johns County lie to the south; the Atlantic Ocean lies to the east, along with the Jacksonville Beaches.',
        'During their news conference in Tokyo, Hegseth and Nakatani agreed on the need to bolster the defense posture of Japan in the East China Sea.',
      ].join(' '),
    });
    const prompts = qs.map((q) => q.prompt);
    expect(prompts.some((p) => p.includes('lies to the west'))).toBe(false);
    expect(prompts.some((p) => p.startsWith('During their news conference'))).toBe(true);
  });

  it('drops a sentence whose subject is a thing said before it (`The fort`, `the governments` after an opening phrase)', async () => {
    const qs = await generatedFrom({
      'fl.txt': [
        'In 1564 a group of Norman Huguenots under Jean Ribault established the small colony of Fort Caroline in Florida.',
        'The fort was destroyed in 1565 by the Spanish, who captured part of the Huguenots.',
        'The city of Jacksonville and Duval County held a referendum on consolidation in 1967 after a long debate.',
        'On October 1, 1968, the governments merged to create the Consolidated City of Jacksonville.',
        'In 1656, the plague killed about half of the 300,000 inhabitants of Naples in Italy.',
        "By 1700, one-fifth of the city's population was French speaking.",
      ].join(' '),
    });
    const prompts = qs.map((q) => q.prompt);
    expect(prompts.some((p) => /fort was destroyed|governments merged|the city's population/.test(p))).toBe(false);
    expect(prompts.some((p) => p.includes('the plague killed'))).toBe(true);
    // A subject that names itself is kept as written.
    expect(prompts.some((p) => p.startsWith('The city of Jacksonville and Duval County held a referendum'))).toBe(true);
  });

  it('takes no name with a place of the knowledge in it for a person, unless a title says so', async () => {
    const qs = await generatedFrom({
      'plague.txt': [
        'In 1700 several hundred French Huguenots migrated from England to the colony of Virginia.',
        'In 2014, scientists with Public Health England announced the results of an examination of 25 bodies exhumed in London.',
        'Public Health England said that the bodies supported the pneumonic hypothesis of the spread.',
      ].join(' '),
    });
    expect(answers(qs, 'person').has('Public Health England')).toBe(false);
  });
});

describe('prose: rules from held-out round 4 (graded, so no longer unseen)', () => {
  it('blanks no name cut from a longer one, asks the year of `the spring of 1753`, and nothing of a five-word sentence', async () => {
    const qs = await generatedFrom({
      'warsaw.txt': [
        "Warsaw is home to the Children's Memorial Health Institute (CMHI), the highest-reference hospital in all of Poland, as well as an active research and education center.",
        'The Royal University of Warsaw was established in 1816.',
        'In the spring of 1753, Paul Marin de la Malgue was given command of a 2,000-man force of Troupes de la Marine and Indians.',
        "The Court requires that the individual circumstances of a patient justify waiting lists, and this is also true in the context of the UK's National Health Service.",
        'In 1755 the British Army of Edward Braddock marched from Virginia, and the University of Warsaw closed in 1831.',
      ].join(' '),
    });
    expect(qs.some((q) => q.answer.includes('Memorial Health Institute'))).toBe(false);
    expect(qs.some((q) => q.prompt.includes('_____ was established in 1816'))).toBe(false);
    const spring = qs.filter((q) => q.cloze?.startsWith('In the spring of _____'));
    expect(spring.length).toBeGreaterThan(0);
    for (const q of spring) expect(q.answer).toBe('1753');
    // An owner before the blank is no part of the name.
    expect(qs.some((q) => q.answer === 'National Health Service')).toBe(true);
  });

  it('drops an unnamed event (`the war`) and a quantifier standing for people said before (`Most went …`)', () => {
    expect(opensUnresolved('France concentrated its forces against Prussia and its allies in the European theatre of the war.')).toBe(true);
    expect(opensUnresolved('Most went to Cuba, including the entire governmental records from St. Augustine.')).toBe(true);
    expect(leansOnContext("The Seven Years' War began in 1756, and the war ended with the Treaty of Paris in 1763.")).toBe(false);
    expect(leansOnContext('Many people died of the plague in Paris in 1466 and in London in 1665.')).toBe(false);
  });

  it('asks for a governor without where he governed, accepts no place for him, and drops `the city` no sentence names', async () => {
    const qs = await generatedFrom({
      'war.txt': [
        'Governor Robert Dinwiddie of Virginia was an investor in the Ohio Company, which stood to lose money if the French held their claim.',
        'Dinwiddie said that the French had to leave the Ohio Country, and Virginia sent troops in 1754.',
        'In 2006, 304,016 companies were registered in the city.',
        'President Grover Cleveland attended the Sub-Tropical Exposition in the city on February 22, 1888 during his trip to Florida.',
      ].join(' '),
    });
    const governor = qs.find((q) => q.kind === 'person' && q.cloze?.startsWith('Governor _____'));
    expect(governor?.answer).toBe('Robert Dinwiddie');
    expect(governor!.accepted).not.toContain('Virginia');
    expect(qs.some((q) => /registered in the city|Exposition in the city/.test(q.cloze ?? q.prompt))).toBe(false);
  });

  it('round 5: drops the state, the park, the population or the neighborhood no sentence names; keeps them once a place is named', async () => {
    const qs = await generatedFrom({
      'vic.txt': [
        "Buddhism is the state's largest non-Christian religion, with 168,637 members as of the most recent census.",
        'Woodward Park is the only Regional Park of its size in the Central Valley of California since 1968.',
        'The park lies on the South bank of the San Joaquin River between Highway 41 and Friant Road.',
        'Non-Hispanic Whites were 30.0% of the population in 2010, down from 72.6% in 1970.',
        'While many homes in the neighborhood date back to the 1930s or before, the neighborhood is also home to several public housing developments built by the Fresno Housing Authority.',
        "Jacksonville also suffered damage from 2008's Tropical Storm Fay which crisscrossed the state, bringing parts of Jacksonville under darkness for four days.",
        'Tropical Storm Beryl made landfall in Jacksonville on May 28, 2012, with winds of 70 miles per hour.',
      ].join(' '),
    });
    // (Definitions, `What is the state's largest …?`, are docs.ts's questions.)
    const prompts = qs.filter((q) => q.kind !== 'term').map((q) => q.cloze ?? q.prompt);
    for (const gone of ["the state's largest", 'The park lies', 'of the population in', 'homes in the neighborhood'])
      expect(
        prompts.some((p) => p.includes(gone)),
        gone,
      ).toBe(false);
    expect(prompts.some((p) => p.includes('which crisscrossed the state'))).toBe(true);
  });

  it('blanks no body named as an adjective (`a national _____ study`, `The two _____ bases`)', async () => {
    const qs = await generatedFrom({
      'fresno.txt': [
        'Fresno meteorology was selected in a national U.S. Environmental Protection Agency study for analysis of equilibrium temperature.',
        'The two US Navy bases, Blount Island Command and the nearby Naval Submarine Base Kings Bay, form a large military presence.',
        'The U.S. Environmental Protection Agency ruled in 1998 that the valley air was among the worst in the United States.',
      ].join(' '),
    });
    const prompts = qs.map((q) => q.cloze ?? q.prompt);
    expect(prompts.some((p) => /a national _____ study|two _____ bases/.test(p))).toBe(false);
    expect(prompts.some((p) => p.startsWith('_____ ruled in 1998'))).toBe(true);
  });

  it('round 6: no name its initials or its town show, no superlative with no noun, no unnamed industry', async () => {
    const qs = await generatedFrom({
      'net.txt': [
        'The DECnet protocols were designed entirely by Digital Equipment Corporation.',
        'The new concept found little resonance among network implementers until the independent work of Donald Davies at the National Physical Laboratory (United Kingdom) (NPL) in the late 1960s.',
        'The oldest is claimed to have been set up in 1221 in the Church of Santa Maria Novella in Florence, Italy, which now houses a perfume museum.',
        'The first pharmacy in Europe opened in Florence, and Italy had 40 pharmacies by 1400 according to the guild.',
        'As a whole, the industry employed an estimated 5.8 million as of April 2013, with a 13.2% unemployment rate.',
        'Not long after the visit of Hegseth to Japan, China conducted a large-scale military drill around Taiwan in April 2025.',
      ].join(' '),
    });
    const prompts = qs.map((q) => q.cloze ?? q.prompt);
    for (const gone of [
      'designed entirely by _____',
      'at the _____ (United Kingdom) (NPL)',
      'The oldest is claimed',
      'the industry employed',
    ])
      expect(
        prompts.some((p) => p.includes(gone)),
        gone,
      ).toBe(false);
    expect(prompts.some((p) => p.includes('Japan, _____ conducted'))).toBe(true);
  });

  it('round 7: no troupe nicknamed like a town, no name run into the word before it, no fragment after `the Great and`, no post for a body', async () => {
    const qs = await generatedFrom({
      'uc.txt': [
        'UChicago is often considered the birthplace of improvisational comedy as the Compass Players student comedy troupe evolved into The Second City improv theater troupe in 1959.',
        'Several University of Chicago professors disliked the program, as it involved uncompensated additional labor on their part.',
        'The University of Chicago opened a center in Beijing in 2010, near the campus of Renmin University.',
        'Harvard was formed in 1636 by vote of the Great and General Court of the Massachusetts Bay Colony.',
        'In December 2013 it was announced that the Director of Argonne National Laboratory, Eric Isaacs, would become Provost.',
        'The Argonne National Laboratory was founded in 1946 near Chicago in Illinois by the University of Chicago.',
      ].join(' '),
    });
    expect(answers(qs, 'place').has('Second City')).toBe(false);
    for (const q of qs) {
      expect(q.answer, q.prompt).not.toMatch(/^Several |^Director of /);
      for (const a of q.accepted) expect(a, q.prompt).not.toMatch(/^Several /);
    }
    expect(qs.some((q) => (q.cloze ?? q.prompt).includes('the Great and _____'))).toBe(false);
    expect(answers(qs, 'organization').has('Argonne National Laboratory')).toBe(true);
  });
});

describe('prose: causes of rounds 4–8 still open after round 8', () => {
  it('gives no count a player can multiply or add from the prompt (`22 two-member electorates` → 44)', async () => {
    const sentence =
      'Prior to the 2006 election, the Legislative Council consisted of 44 members elected to eight-year terms from 22 two-member electorates.';
    expect(isArithmetic(sentence.replace('44', ' '), 44)).toBe(true);
    expect(blankRules(sentence.replace('44', BLANK), BLANK, ['44'], 'number')).toContain('gives-away');
    // A count the prompt's numbers do not make is still asked.
    expect(isArithmetic(sentence.replace('44', ' '), 45)).toBe(false);
    const qs = await generatedFrom({ 'victoria.txt': sentence });
    expect(qs.some((q) => q.answer === '44')).toBe(false);
  });

  it('blanks no place of a fact said of some places only (`In some rural areas in the _____`, `in certain provinces`)', () => {
    const rural =
      'In some rural areas in the United Kingdom, there are dispensing physicians who are allowed to both prescribe and dispense prescription-only medicines to their patients from within their practices.';
    const canada =
      'In Canada, pharmacists in certain provinces have limited prescribing rights (as in Alberta and British Columbia) or are remunerated by their provincial government for expanded services such as medications reviews (Medschecks in Ontario).';
    expect(blankRules(rural.replace('United Kingdom', BLANK), BLANK, ['United Kingdom'], 'place')).toContain('example');
    expect(blankRules(canada.replace('Canada', BLANK), BLANK, ['Canada'], 'place')).toContain('example');
    const named = 'In the United Kingdom, pharmacists have been able to prescribe since 2006 after a change in the law.';
    expect(blankRules(named.replace('United Kingdom', BLANK), BLANK, ['United Kingdom'], 'place')).not.toContain('example');
  });

  it('takes `the 2003 meeting` and `The previous chairs` as leaning on the sentences before, not `the 2003 meeting of the IPCC`', () => {
    expect(leansOnContext('Attendance at the 2003 meeting included 350 government officials and climate change experts.')).toBe(true);
    expect(
      leansOnContext('The previous chairs were Rajendra K. Pachauri, elected in May 2002; Robert Watson in 1997; and Bert Bolin in 1988.'),
    ).toBe(true);
    expect(leansOnContext('Attendance at the 2003 meeting of the IPCC included 350 government officials.')).toBe(false);
    expect(leansOnContext('By the 2010 census the city had grown to about 500,000 people.')).toBe(false);
  });

  it('takes an unnamed campaign for a purpose (`the campaign to overthrow the government`) as leaning on the sentences before', () => {
    expect(
      leansOnContext(
        "Ultimately the campaign to overthrow the government was unsuccessful, and the major jihadi group, Jamaa Islamiya (or al-Gama'a al-Islamiyya), renounced violence in 2003.",
      ),
    ).toBe(true);
    expect(leansOnContext('The campaign of 1758 ended with the fall of Louisbourg to the British forces.')).toBe(false);
  });

  it('blanks no first item of a list of common nouns (`used in the _____, conical measures, and caduceuses`)', () => {
    const bowl =
      'Pharmacy organizations often use other symbols, such as the Bowl of Hygieia which is often used in the Netherlands, conical measures, and caduceuses in their logos.';
    expect(blankRules(bowl.replace('Netherlands', BLANK), BLANK, ['Netherlands'], 'place')).toContain('list-item');
    const harvard =
      'Harvard College accepted 5.3% of applicants for the class of 2019, a record low and the second lowest acceptance rate among all national universities.';
    expect(blankRules(harvard.replace('2019', BLANK), BLANK, ['2019'], 'date')).not.toContain('list-item');
  });

  it('blanks no date of a figure (`As of _____, there were about 667,000 firms`)', () => {
    const firms =
      'As of 2005, there were about 667,000 firms employing 1 million contractors (200,000 general contractors, 38,000 heavy, and 432,000 specialty); the average contractor employed fewer than 10 employees.';
    expect(blankRules(firms.replace('2005', BLANK), BLANK, ['2005'], 'date')).toContain('filler');
    expect(blankRules('The university was founded in 1636 by vote of the Colony.'.replace('1636', BLANK), BLANK, ['1636'], 'date')).toEqual(
      [],
    );
  });

  it('asks no definition on prose (`Fresno is the largest U.S. city …` → `What is …?`), only in structured files (headings, code, option lists)', async () => {
    const qs = await generatedFrom({
      'fresno.txt':
        'Fresno is the largest U.S. city not directly linked to an Interstate highway. Fresno is the county seat of Fresno County in the San Joaquin Valley.',
      'victoria.txt': 'Victoria is the centre of dairy farming in Australia. Melbourne is the capital of the state of Victoria since 1851.',
      'eslint.md': [
        '# ESLint',
        '',
        'ESLint is a tool for identifying and reporting on patterns found in ECMAScript/JavaScript code.',
        '',
        'Install it with:',
        '',
        '```sh',
        'npm install eslint',
        '```',
      ].join('\n'),
    });
    const definitions = qs.filter((q) => q.prompt.startsWith('What is '));
    expect(definitions.map((q) => q.answer)).toEqual(['ESLint']);
  });
});

describe('prose: causes of round 9 (graded before; not measured after)', () => {
  it('blanks no place a word of the prompt starts (`a Thai/Japanese alliance` → Thailand), but `wars` does not give Warsaw away', () => {
    const thai = 'Japan also invaded Thailand, pressuring the country into a Thai/Japanese alliance.';
    expect(blankRules(thai.replace('Thailand', BLANK), BLANK, ['Thailand'], 'place')).toContain('gives-away');
    const phoenix =
      'Warsaw gained the title of the "Phoenix City" because it has survived many wars, conflicts and invasions throughout its long history.';
    expect(blankRules(phoenix.replace('Warsaw', BLANK), BLANK, ['Warsaw'], 'place')).not.toContain('gives-away');
  });

  it('blanks no one participant of several (`as a participant in the Siberian Intervention`)', () => {
    const siberia =
      'In 1918, Japan occupied parts of far eastern Russia and parts of eastern Siberia as a participant in the Siberian Intervention.';
    expect(blankRules(siberia.replace('Japan', BLANK), BLANK, ['Japan'], 'place')).toContain('example');
  });
});

describe('prose: causes of round 9 still open after round 9 (tuned on rounds 4–9, before round 10 was graded)', () => {
  it('blanks no place its demonym in the prompt names (`the Free French … liberate _____`, `Americans … the _____ annexation`)', () => {
    const free =
      'In World War II, Charles de Gaulle and the Free French used the overseas colonies as bases from which they fought to liberate France.';
    expect(blankRules(free.replace(/France\.$/, `${BLANK}.`), BLANK, ['France'], 'place')).toContain('gives-away');
    const league =
      'In 1898, Americans who opposed imperialism created the Anti-Imperialist League to oppose the US annexation of the Philippines and Cuba.';
    expect(blankRules(league.replace('US', BLANK), BLANK, ['US', 'United States'], 'place')).toContain('gives-away');
    const rhine =
      'The Rhine-Meuse Delta, the most important natural region of the Netherlands begins near Millingen aan de Rijn, close to the Dutch-German border.';
    expect(blankRules(rhine.replace('Netherlands', BLANK), BLANK, ['Netherlands'], 'place')).toContain('gives-away');
    // Another country's demonym says nothing of this one.
    const shandong =
      'During World War I, Japan took German-leased territories in China’s Shandong Province, as well as the Mariana Islands.';
    expect(blankRules(shandong.replace('China', BLANK), BLANK, ['China'], 'place')).not.toContain('gives-away');
  });

  it('offers only earlier years for a year after `by` (a later one is right too), and flags a later one', async () => {
    const cloze = `Nearly all of France's colonies gained independence by ${BLANK}, but France retained great financial and diplomatic influence.`;
    expect(answerBound(cloze, 'date')).toBe(-1);
    expect(answerBound(`Before ${BLANK}, there were about 170,000 settlements in Germany.`, 'date')).toBe(0);
    expect(distractorRules({ answer: '1960', kind: 'date', wrong: ['1962', '1945', '1937'], cloze })).toEqual(['also-right']);
    expect(distractorRules({ answer: '1960', kind: 'date', wrong: ['1958', '1945', '1937'], cloze })).toEqual([]);
    const qs = await generatedFrom({
      'empire.txt': [
        "Nearly all of France's colonies gained independence by 1960, but France retained great financial and diplomatic influence.",
        'Whereas they won the war in Algeria, the French leader at the time, Charles de Gaulle, decided to grant Algeria independence anyway in 1962.',
        'In 1931 Japan conquered Manchuria from China after a staged incident near the railway.',
        'The establishment of the German colonial empire proceeded smoothly, starting with German New Guinea in 1884.',
      ].join(' '),
    });
    const by = qs.find((q) => q.kind === 'date' && q.answer === '1960' && q.wrong);
    expect(by).toBeDefined();
    for (const w of by!.wrong!) expect(Number(w), w).toBeLessThan(1960);
  });

  it('asks the Soviet Union among countries, not beside a geographical society, and the Russian Federation as no body', async () => {
    const qs = await generatedFrom({
      'empire.txt': [
        'Non Russian Marxists within the Russian Federation and later the USSR, like Sultan Galiev and Vasyl Shakhrai, considered the Soviet Regime a renewed version of the Russian imperialism and colonialism.',
        'After World War II, the Soviet Union installed socialist regimes modeled on those it had installed in 1919–20 in the old Tsarist Empire in areas its forces occupied in Eastern Europe.',
        'The Royal Geographical Society of London and other geographical societies in Europe had great influence and were able to fund travelers who would come back with tales of their discoveries.',
        'Sub-Saharan Africa has also featured dozens of empires that predate the European colonial era, for example the Ethiopian Empire, Oyo Empire, Asante Union, Luba Empire, Lunda Empire, and Mutapa Empire.',
        'During World War I, Japan took German-leased territories in China’s Shandong Province, as well as the Mariana, Caroline, and Marshall Islands.',
        'Trotsky, and others, believed that the revolution could only succeed in Russia as part of a world revolution.',
      ].join(' '),
    });
    expect(qs.some((q) => q.kind === 'organization' && q.answer === 'Russian Federation')).toBe(false);
    const soviet = qs.filter((q) => q.answer === 'Soviet Union');
    expect(soviet.length).toBeGreaterThan(0);
    for (const q of soviet) {
      expect(q.kind).toBe('place');
      for (const w of q.wrong ?? []) expect(w).not.toMatch(/Society|Union/);
    }
  });

  it('asks a sentence opening on a surname with the full name the file gives it (`Bowman was …` → `Isiah Bowman was …`)', async () => {
    const qs = await generatedFrom({
      'empire.txt': [
        'One key figure in the plans for what would come to be known as American Empire, was a geographer named Isiah Bowman.',
        'Bowman was the director of the American Geographical Society in 1914.',
        'The Royal Geographical Society of London and other geographical societies in Europe had great influence in 1830.',
      ].join(' '),
    });
    const director = qs.filter((q) => q.source.startsWith('Bowman was'));
    expect(director.length).toBeGreaterThan(0);
    for (const q of director) expect(q.prompt).toMatch(/^Isiah Bowman was /);
  });

  it('blanks no subject of `one of` (`The Warsaw Stock Exchange is one of the largest …`), but a place inside that subject is fine', () => {
    const exchange = 'The Warsaw Stock Exchange is one of the largest and most important in Central and Eastern Europe.';
    expect(blankRules(exchange.replace('Warsaw Stock Exchange', BLANK), BLANK, ['Warsaw Stock Exchange'], 'organization')).toContain(
      'example',
    );
    const monument = 'The Confederate Monument in Hemming Park was one of the only landmarks to survive the fire.';
    expect(blankRules(monument.replace('Hemming Park', BLANK), BLANK, ['Hemming Park'], 'place')).not.toContain('example');
  });
});

describe('prose: causes of round 10 (graded before these changes; not measured after)', () => {
  it('offers only larger figures after `over` / `more than` (a smaller one is right too), smaller ones after `up to`', async () => {
    const cloze = `The photograph library of the AP consists of over ${BLANK} million images.`;
    expect(answerBound(cloze, 'number')).toBe(1);
    expect(answerBound(`PSKs up to ${BLANK} bytes in length must be supported.`, 'number')).toBe(-1);
    expect(answerBound(`The AP had ${BLANK} bureaus.`, 'number')).toBe(0);
    expect(distractorRules({ answer: '10', kind: 'number', wrong: ['5', '8', '40'], cloze })).toEqual(['also-right']);
    const qs = await generatedFrom({
      'ap.txt': [
        'The photograph library of the AP consists of over 10 million images.',
        'The AP operates more than 200 news bureaus in more than 100 countries.',
        'The invention of the rotary press allowed the New York Tribune in the 1870s to print 18,000 papers per hour.',
      ].join(' '),
    });
    const images = qs.find((q) => q.answer === '10' && q.wrong);
    expect(images).toBeDefined();
    for (const w of images!.wrong!) expect(Number(w.replace(/,/g, '')), w).toBeGreaterThan(10);
  });

  it('offers no airport beside a city, and blanks no name cut after `the Export and`', async () => {
    const qs = await generatedFrom({
      'addis.txt': [
        'Corruption and bribery are extremely common crimes in Addis Ababa.',
        'Near Bole International Airport is the new Medhane Alem Orthodox Cathedral, which is the second largest in Africa.',
        'The old Lideta Airport in the western "Old Airport" district is used mostly by small craft and military planes and helicopters.',
        'Addis Ababa originally had a railway connection with Djibouti City, with a picturesque French style railway station.',
        'The Ethiopian Railway Corporation reached a funding agreement worth millions of dollars with the Export and Import Bank of China in September 2010 and the light rail project was completed in January 2015.',
      ].join(' '),
    });
    for (const q of qs.filter((x) => x.kind === 'place' && !/Airport/.test(x.answer)))
      for (const w of q.wrong ?? []) expect(w, q.prompt).not.toMatch(/Airport/);
    expect(qs.some((q) => q.answer === 'Import Bank of China')).toBe(false);
  });

  it('takes `the chairman`, `took office` (which office) and `became a member` (of what) as leaning on the sentences before', async () => {
    expect(leansOnContext('Mr. Diriba Kuma took office on 9 July 2013.')).toBe(true);
    expect(leansOnContext('Mr. Diriba Kuma took office as mayor on 9 July 2013.')).toBe(false);
    expect(leansOnContext('The New York Times became a member shortly after its founding in September 1851.')).toBe(true);
    expect(leansOnContext('Poland became a member of the European Union in 2004.')).toBe(false);
    const qs = await generatedFrom({
      'ap.txt': [
        'The Associated Press is governed by an elected board of directors.',
        'Since April 2017, the chairman is Steven Swartz, president and CEO of Hearst Communications.',
        'In 1994, London-based Associated Press Television was founded to provide agency news material to television broadcasters.',
      ].join(' '),
    });
    expect(qs.some((q) => q.source.startsWith('Since April 2017'))).toBe(false);
    expect(qs.length).toBeGreaterThan(0);
  });
});

describe('prose: round 10 causes still open after round 10 (tuned on rounds 4–10, before round 11 was graded)', () => {
  it('asks no blank whose answer is the page itself: its title, or the place it names in most of its sentences', async () => {
    const addis = [
      'Addis Ababa was also the site of the Council of the Oriental Orthodox Churches in 1965.',
      'Corruption and bribery are extremely common crimes in Addis Ababa.',
      'On a crime index, Addis Ababa scores a 44.28, putting it at a crime level of moderate.',
      'Addis Ababa opened its light rail system to the public on 20 September 2015.',
    ].join(' ');
    const qs = await generatedFrom({ 'Addis Ababa.txt': addis });
    expect(qs.some((q) => q.answer === 'Addis Ababa')).toBe(false);
    expect(qs.some((q) => q.answer === '1965')).toBe(true);
    // The same sentences under another title: Addis Ababa is the place named in every one of them.
    const other = await generatedFrom({ 'city.txt': addis });
    expect(other.some((q) => q.answer === 'Addis Ababa')).toBe(false);
  });

  it('takes a place or body pointed at with an adjective or a figure as leaning on the sentences before', () => {
    expect(
      leansOnContext(
        'The immediate area did not encourage the founding of a town for lack of firewood and water, so settlement actually began in the valley south of the mountain in 1886.',
      ),
    ).toBe(true);
    expect(
      leansOnContext(
        'Dubbed the Pentagon, the 30-hectare site incorporates a castle with 12 towers, along with 520 meters of stone walls measuring up to 5-meter high.',
      ),
    ).toBe(true);
    expect(
      leansOnContext(
        'For the entire administrative council there were 404,783 households in 376,568 housing units with an average of 5.2 persons per household.',
      ),
    ).toBe(true);
    expect(
      leansOnContext(
        'For the capital city 662,728 households were counted living in 628,984 housing units, which results in an average of 5.3 persons to a household.',
      ),
    ).toBe(true);
    // Named, or said of the sentence's own subject: no back-reference.
    expect(leansOnContext('The capital city of Ethiopia was founded in 1886.')).toBe(false);
    expect(leansOnContext('Addis Ababa is the capital city and largest city of Ethiopia.')).toBe(false);
  });

  it('asks an exact figure of more than three significant digits only with choices, or not at all', async () => {
    const qs = await generatedFrom({
      'amazon.txt': [
        'A study in 1999 found one square kilometer (247 acres) of Amazon rainforest can contain about 90,790 tonnes of living plants.',
        'The average plant biomass is estimated at 356 ± 47 tonnes per hectare.',
      ].join(' '),
    });
    const exact = qs.filter((q) => q.answer === '90,790');
    // A figure of three digits or fewer is still typed: `(247 acres)`.
    expect(qs.some((q) => q.answer === '247' && q.choicesOnly !== true)).toBe(true);
    for (const q of exact) {
      expect(q.choicesOnly, q.prompt).toBe(true);
      expect(q.wrong, q.prompt).not.toBeNull();
    }
  });

  it('asks no year of a work cited in an aside', () => {
    const cited =
      'Newton (1642–1727) derived the relationship for wave velocity in solids, a cornerstone of physical acoustics (Principia, _____).';
    expect(blankRules(cited, BLANK, ['1687'], 'date')).toContain('filler');
    expect(blankRules('Newton published the Principia in _____.', BLANK, ['1687'], 'date')).not.toContain('filler');
  });

  it('takes a sentence opening on `But`, `However`, `And`, `So` or `Yet` as answering the one before', async () => {
    expect(
      opensUnresolved(
        'But with the creation of the BCS in 2006 and the College Football Playoffs in 2014, the AP no longer plays a part in selection of a National Champion.',
      ),
    ).toBe(true);
    expect(opensUnresolved('Andorra is a sovereign landlocked microstate in Southwestern Europe.')).toBe(false);
    const qs = await generatedFrom({
      'empire.txt': [
        'The British Empire was the largest empire in history.',
        'However, after 1945 anti-colonial movements began to challenge the Empire.',
        'Yet, Toghtogha resigned his office with the approval of Toghun Temür, and he was not called back until 1349.',
      ].join(' '),
    });
    expect(qs.some((q) => q.answer === '1945' || q.answer === '1349')).toBe(false);
  });
});

describe('prose: round 11 causes (tuned on rounds 4–11, before round 12 was graded)', () => {
  it('offers only earlier years after `after` or `since` (a later one is right too), as after `by`', () => {
    const cloze = `King James's policies of religious tolerance after ${BLANK} met with increasing opposition by members of leading political circles.`;
    expect(answerBound(cloze, 'date')).toBe(-1);
    expect(answerBound(`It has been known as the "City of Churches" since ${BLANK}.`, 'date')).toBe(-1);
    expect(answerBound(`Before ${BLANK}, there were about 170,000 settlements in Germany.`, 'date')).toBe(0);
    expect(distractorRules({ answer: '1685', kind: 'date', wrong: ['1686', '1687', '1688'], cloze })).toEqual(['also-right']);
    expect(distractorRules({ answer: '1685', kind: 'date', wrong: ['1684', '1682', '1679'], cloze })).toEqual([]);
  });

  it('blanks no whole range (`between February and May 1687`)', () => {
    const prompt = `William's envoy Everhard van Weede Dijkvelt visited England ${BLANK} (N.S.), instructed to persuade James to help contain French aggression.`;
    expect(blankRules(prompt, BLANK, ['between February and May 1687'], 'date')).toContain('gives-away');
    expect(blankRules(prompt, BLANK, ['May 1687'], 'date')).not.toContain('gives-away');
  });

  it('blanks no town cut after a body and a comma (`Magdalen College, _____ to elect`), but asks the body', async () => {
    const qs = await generatedFrom({
      'revolution.txt': [
        'In May 1686, James decided to obtain from the English courts of the common law a ruling that affirmed his power to dispense with Acts of Parliament.',
        'He dismissed judges who disagreed with him on this matter as well as the Solicitor General Heneage Finch.',
        'Eleven out of the twelve judges ruled in favour of dispensing power.',
        'When Henry Compton, the Bishop of London, did not ban John Sharp from preaching after he gave an anti-Catholic sermon, James ordered his removal.\n',
        'In April 1687, James ordered the fellows of Magdalen College, Oxford to elect a Catholic, Anthony Farmer, as their president.',
        "The fellows believed Farmer ineligible under the college's statutes and so elected John Hough instead.",
        "James refused to view Hough's election as valid and told the fellows to elect the Bishop of Oxford.",
      ].join(' '),
    });
    expect(qs.some((q) => q.answer === 'Magdalen College')).toBe(true);
    expect(qs.some((q) => q.answer === 'Oxford' && q.cloze?.includes(`Magdalen College, ${BLANK}`))).toBe(false);
  });
});
