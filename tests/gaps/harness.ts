/** The real core on a small temporary knowledge folder, for the gaps, experts and save-from-chat tests. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCitebot, type Citebot } from '../../src/core/app.js';

export interface TempCore {
  core: Citebot;
  /** The knowledge folder. */
  knowledge: string;
  /** Files saved under `knowledge/from-chat/`, by name. */
  saved(): string[];
  close(): Promise<void>;
}

/** A knowledge folder with one handbook file (the office opens at nine), a data folder, and the core on them. */
export async function startCore(opts: { watch?: boolean } = {}): Promise<TempCore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'citebot-gaps-'));
  const knowledge = path.join(dir, 'knowledge');
  mkdirSync(knowledge);
  writeFileSync(
    path.join(knowledge, 'handbook.md'),
    '# Handbook\n\nThe office opens at nine. Lunch is served in the canteen on the second floor.\n',
  );
  const core = await createCitebot({ knowledgeDir: knowledge, dataDir: path.join(dir, 'data'), watch: opts.watch ?? false });
  return {
    core,
    knowledge,
    saved: () => {
      try {
        return readdirSync(path.join(knowledge, 'from-chat'));
      } catch {
        return [];
      }
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
