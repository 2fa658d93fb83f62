/**
 * The commands that act on a chat message, described once as data: a Discord message context-menu
 * command and a Slack message shortcut each. Adapters map them (registration, manifest, listeners).
 */

export interface MessageCommandSpec {
  id: 'save' | 'ask';
  /** The Discord context-menu name (shown under Apps). */
  discord: string;
  /** The Slack message shortcut's name and its callback id. */
  slack: { name: string; callbackId: string; description: string };
  /** Only members with the configured role, or admins, may use it. */
  restricted: boolean;
}

export const MESSAGE_COMMANDS: readonly MessageCommandSpec[] = [
  {
    id: 'save',
    discord: 'Save to citebot',
    slack: {
      name: 'Save to citebot',
      callbackId: 'citebot_save',
      description: 'Save this message (and the thread question) to the knowledge',
    },
    restricted: true,
  },
  {
    id: 'ask',
    discord: 'Ask citebot about this',
    slack: { name: 'Ask citebot', callbackId: 'citebot_ask', description: 'Answer this message privately from the knowledge' },
    restricted: false,
  },
];

/** The spec by Discord name or Slack callback id; undefined for anything else. */
export function findMessageCommand(by: { discord?: string; slack?: string }): MessageCommandSpec | undefined {
  return MESSAGE_COMMANDS.find((c) => c.discord === by.discord || c.slack.callbackId === by.slack);
}

/** What the saver is told. */
export function savedText(file: string): string {
  return `Saved to the knowledge as \`${file}\`; it is cited, with a link back to the message, as soon as it is indexed (a few seconds).`;
}
export const NOT_ALLOWED = 'Only admins and members with the configured role may save messages to the knowledge.';
