import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { MAX_SAVED_CHARS, redact, saveNote, slugOf } from '../../src/core/gaps/save.js';
import { tempDir } from '../helpers.js';

const AT = Date.UTC(2026, 10, 30, 10);

describe('saving knowledge from the chat', () => {
  it('removes tokens, secrets and email addresses', () => {
    const text = [
      'slack xoxb-123456789012-abcdefABCDEF and xapp-1-A0-123-abcdef0123',
      'discord MTAxMjM0NTY3ODkwMTIzNDU2.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB',
      'gh ghp_abcdefghijklmnopqrstuvwxyz0123456789, aws AKIAABCDEFGHIJKLMNOP',
      'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456',
      'password: hunter2 api_key=sk-live-1234',
      'write to jane.doe+ops@example.co.uk or mailto:x@y.io',
    ].join('\n');
    const out = redact(text);
    for (const secret of [
      'xoxb-1',
      'xapp-1',
      'MTAx',
      'ghp_',
      'AKIA',
      'abcdefghijklmnopqrstuvwxyz123456',
      'hunter2',
      'sk-live',
      'jane.doe',
      'x@y.io',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[email removed]');
  });

  it('redacts a 40,000-character message in linear time (no backtracking blow-up)', () => {
    for (const long of ['x'.repeat(40_000), 'a.'.repeat(20_000), `Bearer ${'a'.repeat(40_000)}`, 'a@'.repeat(20_000)]) {
      const started = performance.now();
      redact(long);
      expect(performance.now() - started).toBeLessThan(200);
    }
  });

  it('writes Markdown with front matter the knowledge loads (title, author, date, url, tags), numbered when the name is taken', async () => {
    const dir = tempDir();
    const note = {
      title: 'Où est la VPN guide?',
      body: 'The VPN guide is on the wiki.',
      author: 'Erin',
      at: AT,
      url: 'https://team.slack.com/archives/C1/p1',
      tags: ['from-chat', 'vpn', 'vpn'],
      question: 'Where is the VPN guide?',
    };
    const first = await saveNote(dir, note);
    const second = await saveNote(dir, note);
    expect(first).toEqual({ ok: true, file: 'from-chat/2026-11-30-ou-est-la-vpn-guide.md' });
    expect(second).toEqual({ ok: true, file: 'from-chat/2026-11-30-ou-est-la-vpn-guide-2.md' });
    const text = readFileSync(path.join(dir, 'from-chat/2026-11-30-ou-est-la-vpn-guide.md'), 'utf8');
    expect(text).toContain('tags:\n  - from-chat\n  - vpn\n---');
    const kb = await KnowledgeBase.load(dir);
    const file = kb.files().find((f) => f.file === 'from-chat/2026-11-30-ou-est-la-vpn-guide.md')!;
    expect(file).toMatchObject({ title: 'Où est la VPN guide?', url: 'https://team.slack.com/archives/C1/p1', tags: ['from-chat', 'vpn'] });
    expect(kb.skipped()).toEqual([]);
  });

  it('refuses empty and overlong text with a stable code, and names files safely', async () => {
    const dir = tempDir();
    expect(await saveNote(dir, { title: 't', body: '  ', author: 'a', at: AT, tags: [] })).toMatchObject({ ok: false, code: 'save.empty' });
    expect(await saveNote(dir, { title: 't', body: 'x'.repeat(MAX_SAVED_CHARS + 1), author: 'a', at: AT, tags: [] })).toMatchObject({
      ok: false,
      code: 'save.too-long',
    });
    expect(slugOf('../../etc/passwd')).toBe('etc-passwd');
    expect(slugOf('???')).toBe('note');
  });

  it('takes the gaps channels from the configuration, refusing malformed ids', () => {
    expect(loadConfig({ SLACK_GAPS_CHANNEL: 'C0123ABCD', DISCORD_GAPS_CHANNEL: '123456789012345678' })).toMatchObject({
      SLACK_GAPS_CHANNEL: 'C0123ABCD',
      DISCORD_GAPS_CHANNEL: '123456789012345678',
    });
    expect(() => loadConfig({ SLACK_GAPS_CHANNEL: '#gaps' })).toThrow(/SLACK_GAPS_CHANNEL expected a channel id/);
    expect(() => loadConfig({ DISCORD_GAPS_CHANNEL: 'gaps' })).toThrow(/DISCORD_GAPS_CHANNEL expected the numeric channel id/);
  });
});
