/**
 * Configuration from the environment (`.env` is read by the entry point with dotenv),
 * validated with zod. An invalid value stops start-up with a message naming the variable.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const url = (what: string) =>
  optionalText.refine((s) => s === undefined || /^(https?|wss?):\/\/[^\s]+$/.test(s), { message: `expected ${what}` });

export const configSchema = z
  .object({
    KNOWLEDGE_DIR: z.string().trim().min(1, 'expected a folder path').default('./knowledge'),
    DATA_DIR: z.string().trim().min(1, 'expected a folder path').default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DISCORD_TOKEN: optionalText,
    DISCORD_APP_ID: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), { message: 'expected the numeric application id' }),
    DISCORD_API_URL: url('an http(s) URL such as https://discord.com/api'),
    DISCORD_MESSAGE_CONTENT: z
      .enum(['true', 'false', ''], { message: 'expected true or false' })
      .optional()
      .transform((s) => s !== 'false'),
    SLACK_BOT_TOKEN: optionalText.refine((s) => s === undefined || s.startsWith('xoxb-'), {
      message: 'expected a bot token starting with xoxb-',
    }),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((s) => s === undefined || s.startsWith('xapp-'), {
      message: 'expected an app-level token starting with xapp-',
    }),
    SLACK_API_URL: url('an http(s) URL such as https://slack.com/api/'),
    /** Ask the experts: unanswered questions are posted to this channel (a Slack channel id such as C0123ABCD). */
    SLACK_GAPS_CHANNEL: optionalText.refine((s) => s === undefined || /^[CG][A-Z0-9]{2,}$/.test(s), {
      message: 'expected a channel id such as C0123ABCD',
    }),
    /** Ask the experts on Discord: the numeric id of the channel unanswered questions are posted to. */
    DISCORD_GAPS_CHANNEL: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), {
      message: 'expected the numeric channel id',
    }),
    /** Save to citebot on Slack: user ids (comma-separated) who may save messages, besides workspace admins. */
    SLACK_SAVE_USERS: z
      .string()
      .optional()
      .transform((s) =>
        (s ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), {
        message: 'expected user ids such as U0123ABCD, comma-separated',
      }),
    /** Save to citebot on Discord: the numeric id of the role whose members may save (Manage Server always may). */
    DISCORD_SAVE_ROLE: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), { message: 'expected the numeric role id' }),
    PORT: z.coerce.number().int('expected a whole number').min(0).max(65535, 'expected a port from 0 to 65535').default(3000),
    /** How long SIGTERM/SIGINT may take to finish replies and end quizzes before the process exits anyway (8 s: out within 10 s, with room for a slow last turn of the event loop). */
    SHUTDOWN_DEADLINE_MS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int('expected a whole number of milliseconds').min(0).default(8_000),
    ),
  })
  .superRefine((c, ctx) => {
    const needs = (present: keyof typeof c, missing: keyof typeof c) => {
      if (c[present] !== undefined && c[missing] === undefined) {
        ctx.addIssue({ code: 'custom', path: [missing], message: `is missing: it is needed with ${present}` });
      }
    };
    needs('DISCORD_TOKEN', 'DISCORD_APP_ID');
    needs('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET');
    needs('SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN');
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws `ConfigError` naming each bad variable. Never includes values. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0] ?? 'config')} ${i.message}`));
}

/** Which chat front ends the configuration turns on. */
export function frontEnds(config: Config): { discord: boolean; slack: boolean } {
  return { discord: config.DISCORD_TOKEN !== undefined, slack: config.SLACK_BOT_TOKEN !== undefined };
}
