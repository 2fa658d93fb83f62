/** The Slack front end: `startSlack` (Bolt, HTTP or Socket Mode) and the pure Block Kit renderer. */
export { startSlack, type SlackConfig, type SlackDeps, type SlackFrontEnd } from './start.js';
export { SlackStartError, type SlackStartErrorCode } from './startup.js';
export { render, type SlackMessage } from './render.js';
export type { RetryOptions } from './replies.js';
