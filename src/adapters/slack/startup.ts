/**
 * Start-up failures people can fix, named: a bot or app-level token Slack rejects, a Web API that
 * cannot be reached, a port already in use. Each becomes a `SlackStartError` whose message says
 * what to change (and never includes a token).
 */
import { webApi } from '@slack/bolt';
import { FrontEndStartError } from '../start-error.js';

export type SlackStartErrorCode = 'slack.token-rejected' | 'slack.app-token-rejected' | 'slack.unreachable' | 'slack.port-in-use';

/** Start-up failed for a reason the message explains; `code` is stable. */
export class SlackStartError extends FrontEndStartError<SlackStartErrorCode> {}

/** Slack error codes that mean the token itself is bad. */
const REJECTED_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** The Slack error code of a Web API platform error (`{ ok: false, error }`), else null. */
function platformCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && error.code === webApi.ErrorCode.PlatformError) {
    return String((error as webApi.WebAPIPlatformError).data.error);
  }
  return null;
}

const detail = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Calls `auth.test` with the bot token; rejects with a `SlackStartError` when Slack rejects it or cannot be reached. */
export async function checkBotToken(
  token: string,
  options: webApi.WebClientOptions,
): Promise<{ userId: string; botId: string; team: string }> {
  try {
    const auth = await new webApi.WebClient(token, options).auth.test();
    return { userId: auth.user_id ?? '', botId: auth.bot_id ?? '', team: auth.team_id ?? '' };
  } catch (error) {
    throw startError(error, 'bot', options.slackApiUrl);
  }
}

/**
 * The error to stop start-up with, for a failure of a call made with the `bot` token (`auth.test`)
 * or the `app`-level token (`apps.connections.open`, Socket Mode), or of listening on `port`.
 */
export function startError(error: unknown, token: 'bot' | 'app', apiUrl = 'https://slack.com/api/', port?: number): SlackStartError {
  if (error instanceof SlackStartError) return error;
  if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE') {
    return new SlackStartError(
      'slack.port-in-use',
      `Port ${port ?? ''} is already in use — stop what listens there or set PORT to another port.`,
      { cause: error },
    );
  }
  const code = platformCode(error);
  if (code !== null && token === 'app') {
    return new SlackStartError(
      'slack.app-token-rejected',
      `Slack rejected SLACK_APP_TOKEN (${code}) — use an app-level token (xapp-…) with the connections:write scope from "Basic Information → App-Level Tokens", and turn on Socket Mode for the app (or unset SLACK_APP_TOKEN for HTTP mode).`,
      { cause: error },
    );
  }
  if (code !== null && REJECTED_TOKEN.has(code)) {
    return new SlackStartError(
      'slack.token-rejected',
      `Slack rejected SLACK_BOT_TOKEN (${code}) — use the app's Bot User OAuth Token (xoxb-…) from "OAuth & Permissions", and install the app to the workspace.`,
      { cause: error },
    );
  }
  if (code !== null)
    return new SlackStartError('slack.token-rejected', `Slack auth.test failed (${code}) — check SLACK_BOT_TOKEN.`, { cause: error });
  return new SlackStartError(
    'slack.unreachable',
    `Could not reach the Slack Web API at ${apiUrl} (${detail(error)}) — check the network or SLACK_API_URL.`,
    { cause: error },
  );
}
