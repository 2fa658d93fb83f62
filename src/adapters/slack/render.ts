/**
 * Renders each `BotReply` as a Slack message: Block Kit blocks plus a plain fallback `text`
 * (used for notifications and screen readers). Pure: no Slack client, no state.
 * Echoed text is escaped (`&<>`, mentions neutralised) and cut to Slack's limits.
 */
import type { types } from '@slack/bolt';
import { encodeActionId } from '../../core/bot/index.js';
import { ACTIONS, type ActionId, type BotReply } from '../../core/bot/index.js';
import type { QuizEvent, QuizSettings, PlayerScore, TeamScore } from '../../core/quiz/index.js';
import { followUpNote } from '../../core/bot/index.js';
import { confidenceWords } from '../../core/search/index.js';
import type { AnswerReply, Citation, Snippet } from '../../core/search/index.js';
import { LIMITS, boldHighlights, codeBlock, cut, escapeMrkdwn as esc, oneLine } from './mrkdwn.js';

type Block = types.KnownBlock;
type Button = types.Button;

/** What `chat.postMessage`, `chat.postEphemeral` and `respond()` take, minus the addressing. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Action id of the link button: Slack sends a `block_actions` for it too, which is only acknowledged. */
export const LINK_ACTION = 'citebot.link';

/** Most snippets a "More sources" reply lists. */
const MAX_SOURCES = 10;
/** Most rows a score table or leaderboard lists. */
const MAX_ROWS = 25;

export function render(reply: BotReply): SlackMessage {
  switch (reply.type) {
    case 'answer':
      return renderAnswer(reply.reply, reply.answerId);
    case 'sources':
      return renderSources(reply.reply);
    case 'notice':
      return message(reply.text, [section(esc(reply.text))]);
    case 'quiz':
      return renderQuiz(reply.event);
  }
}

/** The snippet with its matched words in bold, the short answer, the citation and the buttons; or why it does not know. */
export function renderAnswer(reply: AnswerReply, answerId: string): SlackMessage {
  if (reply.abstained) {
    const why = reply.reason;
    return message(`I don't know. ${why}`, [section(`:shrug: *I don't know.* ${esc(why)}`)]);
  }
  const best = reply.snippets[0];
  const blocks: Block[] = [];
  if (reply.answer) blocks.push(section(`*Answer:* ${esc(reply.answer)}`));
  blocks.push(section(boldHighlights(best.text, best.highlights)), ...codeBlocks(best), citationBlock(best.citation));
  const buttons: Button[] = [];
  const url = best.citation.url;
  if (url && url.length <= LIMITS.buttonUrl && /^https?:\/\//i.test(url)) {
    buttons.push({ type: 'button', action_id: LINK_ACTION, text: plain('Open source'), url });
  }
  buttons.push(
    button(ACTIONS.moreSources, 'More sources', answerId),
    button(ACTIONS.voteUp, '👍', answerId),
    button(ACTIONS.voteDown, '👎', answerId),
  );
  blocks.push({ type: 'actions', block_id: `citebot.answer:${answerId}`, elements: buttons });
  blocks.push(context([confidenceWords(reply.confidence), reply.followUp ? followUpNote(reply.followUp) : ''].join(' ').trim()));
  const fallback = reply.answer ? `${reply.answer} — ${best.text}` : best.text;
  return message(fallback, blocks);
}

/** The supporting snippets of an answer, each with its citation. */
export function renderSources(reply: AnswerReply): SlackMessage {
  const snippets = reply.snippets.slice(0, MAX_SOURCES);
  if (snippets.length === 0) return message('No sources to show.', [section('No sources to show.')]);
  const blocks: Block[] = [section(`*Sources for* “${esc(oneLine(reply.question))}”`)];
  for (const s of snippets) blocks.push(section(boldHighlights(s.text, s.highlights)), ...codeBlocks(s), citationBlock(s.citation));
  return message(`Sources: ${snippets.map((s: Snippet) => s.citation.title).join(', ')}`, blocks);
}

/** `📄 Title › Section · ¶ 3 · lines 4–6 · file.md` in a context block. */
/** The code a snippet introduces, a section each. */
function codeBlocks(s: Snippet): Block[] {
  return (s.code ?? []).map((c) => section(codeBlock(c.text)));
}

export function citationBlock(c: Citation): Block {
  const where = [
    `¶ ${c.paragraph}`,
    c.lines[0] === c.lines[1] ? `line ${c.lines[0]}` : `lines ${c.lines[0]}–${c.lines[1]}`,
    `\`${esc(c.file)}\``,
  ];
  const title = c.section ? `*${esc(c.title)}* › ${esc(c.section)}` : `*${esc(c.title)}*`;
  return context(`:page_facing_up: ${title} · ${where.join(' · ')}`);
}

export function renderQuiz(event: QuizEvent): SlackMessage {
  switch (event.type) {
    case 'start': {
      const rules = event.rules.map((r) => `• ${esc(r)}`).join('\n');
      const head = `:checkered_flag: *Quiz started* by ${esc(event.starter)}: ${describeSettings(event.settings)}`;
      return message(`Quiz started by ${event.starter}`, [section(rules ? `${head}\n${rules}` : head)]);
    }
    case 'joined': {
      const text = event.team ? `${event.player} joined team ${event.team}.` : `${event.player} joined the quiz.`;
      return message(text, [section(esc(text))]);
    }
    case 'question':
      return renderQuestion(event);
    case 'hint': {
      const text = `Hint for question ${event.number}: ${event.hint} (now ${event.points} points)`;
      return message(text, [section(`:bulb: Hint for question ${event.number}: \`${esc(event.hint)}\` (now ${event.points} points)`)]);
    }
    case 'answer': {
      const text = event.correct ? `${event.player} got it: ${event.text}` : `${event.player}: “${event.text}” is not it.`;
      return message(text, [section(`${event.correct ? ':white_check_mark:' : ':x:'} ${esc(text)}`)]);
    }
    case 'choice': {
      const verdict = event.correct === undefined ? '' : event.correct ? ' It is right ✅' : ' It is not right ❌';
      const text = event.accepted
        ? `${event.player}, your answer ${letter(event.choice)} for question ${event.number} is in.${verdict}`
        : `${event.player}, that answer was not counted (you already answered, or the question is over).`;
      return message(text, [section(esc(text))]);
    }
    case 'reveal': {
      const also = (event.scorers ?? []).slice(1).map((w) => `${esc(w.player)} +${w.points}`);
      const why =
        event.reason === 'skipped'
          ? ':fast_forward: Skipped.'
          : event.winner
            ? `:trophy: ${esc(event.winner.player)}${event.winner.team ? ` (${esc(event.winner.team)})` : ''} +${event.winner.points} points${also.length ? ` · also right: ${also.join(', ')}` : ''}`
            : event.reason === 'answered'
              ? ':x: Nobody picked the right answer.'
              : ":hourglass: Time's up.";
      const text = `Answer ${event.number}: ${event.answer}`;
      return message(text, [
        section(`*Answer ${event.number}:* ${esc(event.answer)}\n${why}`),
        section(`> ${esc(oneLine(event.source))}`),
        citationBlock(event.citation),
      ]);
    }
    case 'scores':
      return message('Scores', [section(`*Scores*\n${scoreLines(event.teams, event.players)}`)]);
    case 'end': {
      const head = event.reason === 'finished' ? ':checkered_flag: *Quiz finished.*' : ':stop_sign: *Quiz stopped.*';
      return message(event.reason === 'finished' ? 'Quiz finished' : 'Quiz stopped', [
        section(`${head}\n${scoreLines(event.teams, event.players)}`),
      ]);
    }
    case 'leaderboard': {
      const rows = event.entries
        .slice(0, MAX_ROWS)
        .map((e, i) => `${i + 1}. ${esc(e.name)} — ${e.score} points · ${e.wins} wins · ${e.games} games`);
      return message('Leaderboard', [section(`*Leaderboard*\n${rows.length ? rows.join('\n') : 'No scores yet.'}`)]);
    }
  }
}

/** The prompt, and for multiple choice one button per choice carrying `${questionId}:${index}`. */
function renderQuestion(event: Extract<QuizEvent, { type: 'question' }>): SlackMessage {
  const head = `*Question ${event.number}/${event.total}* · ${event.points} points · ${event.seconds} s`;
  const blocks: Block[] = [section(`${head}\n${esc(event.prompt)}`)];
  if (event.choices) {
    blocks.push(section(event.choices.map((c, i) => `*${letter(i)}.* ${esc(c)}`).join('\n')));
    blocks.push({
      type: 'actions',
      block_id: `citebot.question:${event.questionId}`,
      elements: event.choices
        .slice(0, 25)
        .map((c, i) => button(ACTIONS.quizChoice, `${letter(i)}. ${oneLine(c)}`, `${event.questionId}:${i}`)),
    });
    blocks.push(context('Press a button, or type its letter. Your first answer is locked in.'));
  } else {
    blocks.push(context('Free text question. Type your answer in the channel or in this thread, or use `/quiz answer <text>`.'));
  }
  return message(`Question ${event.number}/${event.total}: ${event.prompt}`, blocks);
}

function describeSettings(s: QuizSettings): string {
  const parts = [
    `${s.count} question${s.count === 1 ? '' : 's'}`,
    `${s.seconds} s each`,
    s.mode === 'mc' ? 'multiple choice' : 'free text',
  ];
  if (s.teams.length) parts.push(`teams ${s.teams.map(esc).join(', ')}`);
  if (s.topic) parts.push(`topic ${esc(s.topic)}`);
  return `${parts.join(', ')}.`;
}

function scoreLines(teams: TeamScore[], players: PlayerScore[]): string {
  const lines = teams
    .slice(0, MAX_ROWS)
    .map((t) => `*${esc(t.name)}* — ${t.score} points (${t.players.map(esc).join(', ') || 'no players'})`);
  lines.push(
    ...players
      .slice(0, MAX_ROWS)
      .map((p, i) => `${i + 1}. ${esc(p.name)}${p.team ? ` (${esc(p.team)})` : ''} — ${p.score} points, ${p.correct} correct`),
  );
  return lines.length ? lines.join('\n') : 'No scores yet.';
}

function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, LIMITS.sectionText) } };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, LIMITS.contextText) }] };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: cut(text, LIMITS.buttonText), emoji: true };
}

/** A button for a core action; its value is in its action_id too, which keeps the ids of one block distinct (as Slack requires). */
function button(action: ActionId, text: string, value: string): Button {
  return { type: 'button', action_id: encodeActionId(action, value), text: plain(text), value: value.slice(0, LIMITS.buttonValue) };
}

function message(fallback: string, blocks: Block[]): SlackMessage {
  return { text: cut(esc(oneLine(fallback)), LIMITS.fallbackText), blocks: blocks.slice(0, LIMITS.blocks) };
}
