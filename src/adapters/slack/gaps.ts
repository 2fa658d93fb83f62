/**
 * Ask the experts on Slack: unanswered questions are posted to `SLACK_GAPS_CHANNEL` with an
 * "Answer this" button; the button opens a modal; the submitted answer is saved as knowledge and
 * the askers are told in their thread (or channel, or DM), with the citation.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { AnswerReply } from '../../core/search/index.js';
import type { ExpertAnswerResult, ExpertDesk, GapTicket } from '../../core/gaps/index.js';
import { MAX_SAVED_CHARS } from '../../core/gaps/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { cut, escapeMrkdwn, LIMITS, oneLine } from './mrkdwn.js';
import { renderSources } from './render.js';

/** The "Answer this" button and the modal it opens (not `citebot.`: the core's action listener ignores them). */
export const GAP_ACTION = 'gaps.answer';
export const GAP_VIEW = 'gaps.answer-view';
const ANSWER_BLOCK = 'answer';
const ANSWER_INPUT = 'text';

export interface SlackExpertsConfig {
  desk: ExpertDesk;
  /** The channel id (or name) unanswered questions are posted to. */
  channel: string;
}

/** The gaps-channel message for a ticket. */
export function gapMessage(ticket: GapTicket): { text: string; blocks: object[] } {
  const q = escapeMrkdwn(cut(oneLine(ticket.question), LIMITS.sectionText - 200));
  const terms = ticket.terms.length ? `Missing: ${ticket.terms.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ')}` : 'No passage matched.';
  return {
    text: `Unanswered question: ${oneLine(ticket.question)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:grey_question: *Nobody could answer:* “${q}”` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${terms} · asked by <@${ticket.askers[0]!.userId}>` }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: GAP_ACTION, text: { type: 'plain_text', text: 'Answer this' }, style: 'primary', value: ticket.id },
        ],
      },
    ],
  };
}

/** The modal an expert answers in; the ticket id rides in `private_metadata`. */
export function answerModal(ticket: GapTicket): object {
  return {
    type: 'modal',
    callback_id: GAP_VIEW,
    private_metadata: ticket.id,
    title: { type: 'plain_text', text: 'Answer this' },
    submit: { type: 'plain_text', text: 'Save answer' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Question:* ${escapeMrkdwn(cut(oneLine(ticket.question), 2900))}` } },
      {
        type: 'input',
        block_id: ANSWER_BLOCK,
        label: { type: 'plain_text', text: 'Your answer (saved to the knowledge, cited from now on)' },
        element: { type: 'plain_text_input', action_id: ANSWER_INPUT, multiline: true, max_length: Math.min(MAX_SAVED_CHARS, 3000) },
      },
    ],
  };
}

/** How the expert is thanked, in the gaps channel. */
export function resultText(result: ExpertAnswerResult, expertId: string): string {
  if (!result.ok) return result.message;
  const answered = result.reply.abstained
    ? 'the question is still not answered from it; answer again with the words it uses'
    : `now answered from it; ${result.told} asker(s) told`;
  return `Saved <@${expertId}>'s answer to “${escapeMrkdwn(oneLine(result.question))}” as \`${result.file}\`: ${answered}.`;
}

/** Connects the desk to Slack and registers the button and modal listeners. */
export function registerExperts(app: App, experts: SlackExpertsConfig, logger: Logger): () => void {
  const { desk, channel } = experts;
  const client: webApi.WebClient = app.client;
  const disconnect = desk.connect('slack', {
    postGap: async (ticket) => {
      await client.chat.postMessage({ channel, ...gapMessage(ticket) });
    },
    tellAsker: async (asker, reply: AnswerReply) => {
      const sources = renderSources(reply);
      const intro = `<@${asker.userId}> an answer to your question “${escapeMrkdwn(oneLine(reply.question))}” now exists:`;
      await client.chat.postMessage({
        channel: asker.channel,
        ...(asker.thread ? { thread_ts: asker.thread } : {}),
        text: `${intro} ${sources.text}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: intro } }, ...sources.blocks],
      });
    },
  });

  app.action<BlockAction<ButtonAction>>(GAP_ACTION, async ({ ack, body, action, client: c }) => {
    await ack();
    const ticket = desk.ticket(action.value ?? '');
    if (!ticket) {
      await c.chat.postEphemeral({
        channel: body.channel?.id ?? channel,
        user: body.user.id,
        text: 'That question is no longer open (it was answered, or the bot restarted).',
      });
      return;
    }
    await c.views.open({ trigger_id: body.trigger_id, view: answerModal(ticket) as never });
  });

  app.view(GAP_VIEW, async ({ ack, body, view, client: c }) => {
    const text = view.state.values[ANSWER_BLOCK]?.[ANSWER_INPUT]?.value ?? '';
    if (text.trim() === '') return void (await ack({ response_action: 'errors', errors: { [ANSWER_BLOCK]: 'Write an answer first.' } }));
    await ack();
    try {
      const result = await desk.answer(view.private_metadata, text, { name: body.user.name ?? body.user.id });
      await c.chat.postMessage({ channel, text: resultText(result, body.user.id) });
    } catch (err) {
      logger.error({ err: errorFields(err) }, 'could not save the expert answer');
      await c.chat.postEphemeral({ channel, user: body.user.id, text: 'Sorry, the answer could not be saved. Please try again.' });
    }
  });
  return disconnect;
}
