/**
 * Ask the experts on Discord: unanswered questions are posted to `DISCORD_GAPS_CHANNEL` with an
 * "Answer this" button; the button opens a modal; the submitted answer is saved as knowledge and the
 * askers are told in the channel (or DM) they asked in, with the citation.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Events,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Client,
  type Interaction,
} from 'discord.js';
import type { ExpertAnswerResult, ExpertDesk, GapTicket } from '../../core/gaps/index.js';
import { MAX_SAVED_CHARS } from '../../core/gaps/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { escape, renderSources, truncate } from './render.js';

/** Custom id prefixes of the "Answer this" button and its modal (not core actions: the core's listener ignores them). */
export const GAP_BUTTON = 'gaps.answer';
export const GAP_MODAL = 'gaps.modal';
export const ANSWER_INPUT = 'answer';
/** Discord caps a text input at 4,000 characters. */
const INPUT_MAX = 4000;

export interface DiscordExpertsConfig {
  desk: ExpertDesk;
  /** The numeric id of the channel unanswered questions are posted to. */
  channel: string;
}

/** The gaps-channel message for a ticket. */
export function gapMessage(ticket: GapTicket) {
  const terms = ticket.terms.length ? `Missing: ${ticket.terms.map((t) => `\`${escape(t)}\``).join(', ')}` : 'No passage matched.';
  return {
    content: truncate(`❔ **Nobody could answer:** “${escape(ticket.question)}”\n${terms} · asked by <@${ticket.askers[0]!.userId}>`, 2000),
    components: [
      new ActionRowBuilder<ButtonBuilder>()
        .addComponents(new ButtonBuilder().setCustomId(`${GAP_BUTTON}:${ticket.id}`).setLabel('Answer this').setStyle(ButtonStyle.Primary))
        .toJSON(),
    ],
    allowedMentions: { parse: [] as [] },
  };
}

/** The modal an expert answers in. */
export function answerModal(ticket: GapTicket): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(`${GAP_MODAL}:${ticket.id}`)
    .setTitle(truncate(`Answer: ${ticket.question}`, 45))
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId(ANSWER_INPUT)
          .setLabel('Your answer (saved to the knowledge)')
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(true)
          .setMaxLength(Math.min(INPUT_MAX, MAX_SAVED_CHARS)),
      ),
    );
}

/** What the expert is told once the answer is saved. */
export function resultText(result: ExpertAnswerResult): string {
  if (!result.ok) return result.message;
  const answered = result.reply.abstained
    ? 'the question is still not answered from it; answer again with the words it uses'
    : `it now answers the question; ${result.told} asker(s) told`;
  return `Saved as \`${result.file}\`: ${answered}.`;
}

/** Connects the desk to Discord and handles the button and modal. Returns a function that disconnects. */
export function attachExperts(
  client: Client,
  experts: DiscordExpertsConfig,
  logger: Logger,
  track: (work: Promise<void>) => void,
): () => void {
  const { desk, channel } = experts;
  const sendTo = async (channelId: string, message: object) => {
    const target = await client.channels.fetch(channelId);
    if (!target?.isSendable()) throw new Error(`channel ${channelId} cannot be sent to`);
    await target.send(message);
  };
  const disconnect = desk.connect('discord', {
    postGap: (ticket) => sendTo(channel, gapMessage(ticket)),
    tellAsker: async (asker, reply) => {
      const sources = renderSources(reply);
      await sendTo(asker.channel, {
        ...sources,
        content: `<@${asker.userId}> an answer to your question “${escape(truncate(reply.question, 300))}” now exists:`,
        allowedMentions: { users: [asker.userId] },
      });
    },
  });

  const onInteraction = async (i: Interaction): Promise<void> => {
    if (i.isButton() && i.customId.startsWith(`${GAP_BUTTON}:`)) {
      const ticket = desk.ticket(i.customId.slice(GAP_BUTTON.length + 1));
      if (!ticket)
        return void (await i.reply({
          content: 'That question is no longer open (it was answered, or the bot restarted).',
          flags: MessageFlags.Ephemeral,
        }));
      return void (await i.showModal(answerModal(ticket)));
    }
    if (i.isModalSubmit() && i.customId.startsWith(`${GAP_MODAL}:`)) {
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      const name = i.member && 'displayName' in i.member ? i.member.displayName : i.user.displayName;
      const result = await desk.answer(i.customId.slice(GAP_MODAL.length + 1), i.fields.getTextInputValue(ANSWER_INPUT), { name });
      await i.editReply({ content: resultText(result) });
    }
  };
  const listener = (i: Interaction) =>
    track(
      onInteraction(i).catch((err: unknown) => {
        logger.error({ err: errorFields(err) }, 'expert answer failed');
      }),
    );
  client.on(Events.InteractionCreate, listener);
  return () => {
    client.off(Events.InteractionCreate, listener);
    disconnect();
  };
}
