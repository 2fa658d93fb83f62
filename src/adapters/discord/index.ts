/** The Discord front end: start it, register its slash commands, build its invite link. */
export { startDiscord, type DiscordConfig, type DiscordDeps, type DiscordFrontEnd } from './start.js';
export { DiscordStartError, type DiscordStartErrorCode } from './login.js';
export { registerDiscordCommands, inviteUrl, slashCommands, BOT_PERMISSIONS, type RegisterOptions } from './commands.js';
export { renderReply } from './render.js';
