/**
 * Turns each `BotReply` into a Discord message payload: embeds, buttons and text, with
 * user and knowledge text escaped, everything cut to Discord's limits with `…`, and mentions
 * disabled. Pure: no client, no I/O.
 */
import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { encodeActionId } from '../../core/bot/index.js';
import { ACTIONS, type BotReply } from '../../core/bot/index.js';
import type { QuizEvent, PlayerScore, TeamScore } from '../../core/quiz/index.js';
import { followUpNote } from '../../core/bot/index.js';
import { confidenceWords } from '../../core/search/index.js';
import { markedPieces } from '../../core/search/index.js';
import type { AnswerReply, Citation, Highlight, Snippet } from '../../core/search/index.js';

/** Discord's limits (characters), from the API documentation. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  url: 512,
} as const;

/** A message payload discord.js accepts for `reply`, `editReply`, `followUp` and `channel.send`. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Always empty: nothing the bot echoes can ping. */
  allowedMentions: { parse: [] };
}

const COLORS = { answer: 0x3b82f6, unknown: 0x9ca3af, quiz: 0x8b5cf6, correct: 0x22c55e, scores: 0xf59e0b } as const;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXY';

/** Escapes every Markdown construct Discord renders (lists, headings and links included). */
export function escape(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Cuts `text` to `max` characters, ending in `…` when cut (never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Escapes `text` and wraps each highlighted run (`markedPieces`) in `**`. */
export function boldHighlights(text: string, highlights: readonly Highlight[]): string {
  return markedPieces(text, highlights)
    .map((p) => (p.marked ? `**${escape(p.text)}**` : escape(p.text)))
    .join('');
}

/** Where a passage comes from, in one or two lines: title, file, section or paragraph, lines. */
export function citationText(c: Citation): string {
  const where = c.section ? c.section : `paragraph ${c.paragraph}`;
  const lines = c.lines[0] === c.lines[1] ? `line ${c.lines[0]}` : `lines ${c.lines[0]}–${c.lines[1]}`;
  return `**${escape(c.title)}**\n${escape(c.file)} · ${escape(where)} · ${lines}`;
}

/** What the renderer must know about the running bot. */
export interface RenderOptions {
  /**
   * Typed channel messages reach the quiz (the message-content intent is granted). Without it,
   * free-text questions tell players to answer with `/quiz answer`.
   */
  typedAnswers: boolean;
}

const DEFAULT_RENDER: RenderOptions = { typedAnswers: true };

/** The payload for one reply. */
export function renderReply(reply: BotReply, opts: RenderOptions = DEFAULT_RENDER): DiscordMessage {
  switch (reply.type) {
    case 'answer':
      return renderAnswer(reply.answerId, reply.reply);
    case 'sources':
      return renderSources(reply.reply);
    case 'notice':
      return text(reply.text);
    case 'quiz':
      return renderQuizEvent(reply.event, opts);
  }
}

/**
 * The reaction that stands in for a private reply to a plain channel message
 * (which cannot be ephemeral), or null to leave the message alone.
 */
export function reactionFor(reply: BotReply): string | null {
  if (reply.type === 'quiz' && reply.event.type === 'answer') return reply.event.correct ? '✅' : '❌';
  if (reply.type !== 'notice') return null;
  switch (reply.code) {
    case 'rate-limited':
      return '⏳';
    case 'internal-error':
      return '⚠️';
    case 'usage':
    case 'too-long':
      return '❓';
    default:
      return null;
  }
}

/** An answer: the top snippet with matched words in bold, the short answer, the citation and its buttons. */
export function renderAnswer(answerId: string, a: AnswerReply): DiscordMessage {
  if (a.abstained) {
    return message({
      embeds: [
        {
          color: COLORS.unknown,
          title: "I don't know",
          description: truncate(escape(a.reason), LIMITS.description),
          footer: footer(`Asked: ${a.question}`),
        },
      ],
    });
  }
  const top = a.snippets[0];
  const embed: APIEmbed = {
    color: COLORS.answer,
    ...(a.answer ? { title: truncate(escape(a.answer), LIMITS.title) } : {}),
    description: withCode(boldHighlights(top.text, top.highlights), top, LIMITS.description),
    fields: [field('Source', citationText(top.citation))],
    footer: footer(`Asked: ${a.question} · ${confidenceWords(a.confidence)}${a.followUp ? ` ${followUpNote(a.followUp)}` : ''}`),
  };
  const buttons: APIButtonComponent[] = [];
  if (a.snippets.length > 1)
    buttons.push(button(encodeActionId(ACTIONS.moreSources, answerId), `More sources (${a.snippets.length - 1})`, ButtonStyle.Secondary));
  buttons.push(button(encodeActionId(ACTIONS.voteUp, answerId), '👍', ButtonStyle.Secondary));
  buttons.push(button(encodeActionId(ACTIONS.voteDown, answerId), '👎', ButtonStyle.Secondary));
  const link = linkButton(top.citation.url, 'Open source');
  if (link) buttons.push(link);
  return message({ embeds: [fit(embed)], components: rows(buttons) });
}

/**
 * The snippet's text and the code it introduces in fenced blocks (with their language), within
 * `max` characters: code takes at most half of them (the sentence that answers comes first), the
 * text is cut to leave room, and a block that does not fit is left out (a cut fence would show the
 * rest of the message as code).
 */
function withCode(textValue: string, s: Snippet, max: number): string {
  let code = '';
  for (const c of s.code ?? []) {
    const lang = c.lang && /^[\w+#.-]{1,20}$/.test(c.lang) ? c.lang : '';
    const block = `\n\`\`\`${lang}\n${c.text.replace(/```/g, '`\u200B``')}\n\`\`\``;
    if (code.length + block.length <= max / 2) code += block;
  }
  return truncate(textValue, max - code.length) + code;
}

/** The supporting snippets of an answer, one field each. */
export function renderSources(a: AnswerReply): DiscordMessage {
  if (a.snippets.length === 0) return text('There are no sources for that answer.');
  const fields = a.snippets.slice(0, LIMITS.fields).map((s, i) => {
    const where = s.citation.section ?? `paragraph ${s.citation.paragraph}`;
    return field(
      `${i + 1}. ${escape(s.citation.title)} — ${escape(where)}`,
      `${withCode(boldHighlights(s.text, s.highlights), s, LIMITS.fieldValue - s.citation.file.length - 4)}\n— ${escape(s.citation.file)}`,
    );
  });
  return message({ embeds: [fit({ color: COLORS.answer, title: 'Sources', fields, footer: footer(`Asked: ${a.question}`) })] });
}

/** A quiz event, as the players see it. */
export function renderQuizEvent(e: QuizEvent, opts: RenderOptions = DEFAULT_RENDER): DiscordMessage {
  const typeOrCommand = opts.typedAnswers ? 'type your answer in the channel (or use /quiz answer)' : 'answer with /quiz answer';
  switch (e.type) {
    case 'start': {
      const s = e.settings;
      const fields = [
        field('Questions', String(s.count)),
        field('Seconds', String(s.seconds)),
        field('Mode', s.mode === 'mc' ? 'multiple choice (buttons)' : `free text (${typeOrCommand})`),
        field('Teams', s.teams.length > 0 ? s.teams.map(escape).join(', ') : 'individual play'),
      ];
      if (s.topic) fields.push(field('Topic', escape(s.topic)));
      const rules = e.rules.map((r) => `• ${escape(r)}`).join('\n');
      // The rules come from the core, which does not know that this bot may not read channel messages.
      const unread = opts.typedAnswers
        ? ''
        : `\n\n⚠️ Answers typed in the channel are not read here: ${s.mode === 'mc' ? 'press a button' : 'answer with `/quiz answer`'}.`;
      const description = truncate(`${rules}${unread}\n\nJoin with \`/quiz join\`.`, LIMITS.description);
      return message({
        embeds: [fit({ color: COLORS.quiz, title: 'Quiz starting', description, fields, footer: footer(`Started by ${e.starter}`) })],
      });
    }
    case 'joined':
      return text(`**${escape(e.player)}** joined${e.team ? ` team **${escape(e.team)}**` : ' the quiz'}.`);
    case 'question': {
      const choices = e.choices ?? [];
      const list = choices.map((c, i) => `**${LETTERS[i]}.** ${escape(c)}`).join('\n');
      const how = choices.length > 0 ? 'Pick an answer below.' : `${typeOrCommand.charAt(0).toUpperCase()}${typeOrCommand.slice(1)}.`;
      const embed: APIEmbed = {
        color: COLORS.quiz,
        title: `Question ${e.number}/${e.total}${choices.length > 0 ? '' : ' · free text'}`,
        description: truncate(`${escape(e.prompt)}${list ? `\n\n${list}` : ''}`, LIMITS.description),
        footer: footer(`${how} ${e.seconds} s · ${e.points} points`),
      };
      const buttons = choices.map((c, i) =>
        button(encodeActionId(ACTIONS.quizChoice, `${e.questionId}:${i}`), `${LETTERS[i]}. ${c}`, ButtonStyle.Primary),
      );
      return message({ embeds: [fit(embed)], components: rows(buttons) });
    }
    case 'hint':
      return text(`💡 Hint for question ${e.number}: ${escape(e.hint)} (now worth ${e.points} points)`);
    case 'answer':
      return text(e.correct ? `✅ **${escape(e.player)}** got it: ${escape(e.text)}` : `❌ Not quite: ${escape(e.text)}`);
    case 'choice': {
      if (!e.accepted) return text('That answer was not taken: one answer per player, while the question is open.');
      const verdict = e.correct === undefined ? '' : e.correct ? ' ✅ Right!' : ' ❌ Not right.';
      return text(`Your answer **${LETTERS[e.choice] ?? e.choice + 1}** is in.${verdict}`);
    }
    case 'reveal': {
      const also = (e.scorers ?? []).slice(1).map((w) => `**${escape(w.player)}** +${w.points}`);
      const why =
        e.winner !== null
          ? `🏆 **${escape(e.winner.player)}**${e.winner.team ? ` (${escape(e.winner.team)})` : ''} +${e.winner.points} points${also.length ? ` · also right: ${also.join(', ')}` : ''}`
          : e.reason === 'skipped'
            ? '⏭️ Skipped.'
            : e.reason === 'answered'
              ? '❌ Nobody picked the right answer.'
              : '⏱️ Time is up.';
      const embed: APIEmbed = {
        color: COLORS.correct,
        title: truncate(`Answer ${e.number}: ${escape(e.answer)}`, LIMITS.title),
        description: truncate(`${why}\n\n> ${escape(e.source).replace(/\n/g, '\n> ')}`, LIMITS.description),
        fields: [field('Source', citationText(e.citation))],
      };
      const link = linkButton(e.citation.url, 'Open source');
      return message({ embeds: [fit(embed)], components: link ? rows([link]) : [] });
    }
    case 'scores':
      return message({ embeds: [fit({ color: COLORS.scores, title: 'Scores', fields: scoreFields(e.teams, e.players) })] });
    case 'end': {
      const ranked = e.teams.length > 0 ? e.teams : e.players;
      const top = Math.max(0, ...ranked.map((x) => x.score));
      const winners = top > 0 ? ranked.filter((x) => x.score === top).map((x) => `**${escape(x.name)}**`) : [];
      const description =
        winners.length === 0 ? 'Nobody scored.' : winners.length === 1 ? `Winner: ${winners[0]}` : `Tie: ${winners.join(', ')}`;
      return message({
        embeds: [
          fit({
            color: COLORS.scores,
            title: e.reason === 'finished' ? 'Quiz finished' : 'Quiz stopped',
            description,
            fields: scoreFields(e.teams, e.players),
          }),
        ],
      });
    }
    case 'leaderboard': {
      const lines = e.entries.map(
        (x, i) => `${i + 1}. **${escape(x.name)}** — ${count(x.score, 'point')} · ${count(x.wins, 'win')} · ${count(x.games, 'game')}`,
      );
      return message({
        embeds: [
          fit({
            color: COLORS.scores,
            title: 'Leaderboard',
            description: truncate(lines.join('\n') || 'No games played yet.', LIMITS.description),
          }),
        ],
      });
    }
  }
}

function scoreFields(teams: TeamScore[], players: PlayerScore[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (teams.length > 0) {
    fields.push(
      field(
        'Teams',
        teams.map((t) => `**${escape(t.name)}** — ${t.score} (${t.players.map(escape).join(', ') || 'no players'})`).join('\n'),
      ),
    );
  }
  const lines = players.map((p) => `${escape(p.name)}${p.team ? ` (${escape(p.team)})` : ''} — ${p.score} · ${p.correct} correct`);
  fields.push(field('Players', lines.join('\n') || 'Nobody has played yet.'));
  return fields;
}

/** `1 game`, `2 games`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function message(m: Omit<DiscordMessage, 'allowedMentions'>): DiscordMessage {
  return { ...m, allowedMentions: { parse: [] } };
}

function text(content: string): DiscordMessage {
  return message({ content: truncate(content, LIMITS.content) });
}

/** A field; `name` and `value` are Markdown already (escape user and knowledge text before). */
function field(name: string, value: string): APIEmbedField {
  return { name: truncate(name, LIMITS.fieldName), value: truncate(value, LIMITS.fieldValue) };
}

/** Footers show text as it is (no Markdown), so they need no escaping. */
function footer(textValue: string): { text: string } {
  return { text: truncate(textValue, LIMITS.footer) };
}

function button(customId: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: customId, label: truncate(label, LIMITS.buttonLabel), style };
}

function linkButton(url: string | null, label: string): APIButtonComponent | null {
  if (!url || url.length > LIMITS.url || !/^https?:\/\/\S+$/.test(url)) return null;
  return { type: ComponentType.Button, style: ButtonStyle.Link, url, label };
}

function rows(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && out.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/** Keeps an embed under Discord's 6,000-character total: drops trailing fields, then shortens the description. */
function fit(embed: APIEmbed): APIEmbed {
  const size = (e: APIEmbed) =>
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  const out: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  while (size(out) > LIMITS.embedTotal && (out.fields?.length ?? 0) > 1) out.fields!.pop();
  const over = size(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) out.description = truncate(out.description, Math.max(1, out.description.length - over));
  if (!out.fields) delete out.fields;
  return out;
}
