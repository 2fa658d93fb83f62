/** The app manifest creates what the adapter needs: its commands, events and scopes, all at /slack/events. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/core/bot/commands.js';

interface Manifest {
  features: { slash_commands: { command: string; url: string; description: string; usage_hint: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = parse(readFileSync(new URL('../../slack-app-manifest.yaml', import.meta.url), 'utf8')) as Manifest;

describe('slack-app-manifest.yaml', () => {
  it('declares exactly the commands the bot has, with short descriptions', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(COMMANDS.map((c) => `/${c.name}`).sort());
    for (const c of manifest.features.slash_commands) expect(c.description.length).toBeLessThanOrEqual(100);
  });

  it('lists every /quiz subcommand in the usage hint', () => {
    const quiz = manifest.features.slash_commands.find((c) => c.command === '/quiz')!;
    for (const sub of COMMANDS.find((c) => c.name === 'quiz')!.subcommands) expect(quiz.usage_hint).toContain(sub.name);
  });

  it('subscribes to mentions, direct messages and channel messages, with interactivity on', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.im', 'message.channels', 'message.groups']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for the scopes those need', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'app_mentions:read',
        'im:history',
        'channels:history',
        'groups:history',
        'users:read',
      ]),
    );
  });

  it('sends commands, events and actions to Bolt’s /slack/events', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
  });
});

describe('slack-app-manifest.yaml for the gaps features', () => {
  const full = manifest as unknown as Manifest & {
    features: {
      app_home: { home_tab_enabled: boolean };
      shortcuts: { name: string; type: string; callback_id: string; description: string }[];
    };
  };

  it('declares the message shortcuts the core describes, and the Home tab with its event', async () => {
    const { MESSAGE_COMMANDS } = await import('../../src/core/gaps/commands.js');
    expect(full.features.shortcuts.map((s) => [s.name, s.type, s.callback_id])).toEqual(
      MESSAGE_COMMANDS.map((c) => [c.slack.name, 'message', c.slack.callbackId]),
    );
    expect(full.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });
});
