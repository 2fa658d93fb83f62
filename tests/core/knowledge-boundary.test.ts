/**
 * Each file is parsed and analysed inside its own boundary: an unexpected exception (a bug met on
 * one file) skips that file with a warning naming it and the cause, the rest loads, and a later
 * fix is picked up. The analyser is made to throw on a marker word to stand in for such a bug.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import type { Logger } from '../../src/core/logger.js';
import { tempDir } from '../helpers.js';

vi.mock('../../src/core/text/analyze.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/text/analyze.js')>();
  return {
    ...original,
    analyzeParagraph: (text: string) => {
      if (text.includes('KABOOM')) throw new TypeError('analysis went wrong');
      return original.analyzeParagraph(text);
    },
  };
});

describe('a file whose analysis throws', () => {
  it('is skipped with a warning naming it and the cause; the rest loads; a fix is picked up', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry leaves at noon.\n');
    writeFileSync(path.join(dir, 'b.md'), 'This paragraph says KABOOM.\n');
    writeFileSync(path.join(dir, 'c.txt'), 'The bakery opens at seven.\n');
    const warnings: Record<string, unknown>[] = [];
    const logger = {
      warn: (o: Record<string, unknown>) => warnings.push(o),
      info() {},
      error() {},
      debug() {},
      child: () => logger,
    } as unknown as Logger;
    const kb = await KnowledgeBase.load(dir, { logger });
    expect(kb.files().map((f) => f.file)).toEqual(['a.md', 'c.txt']);
    expect(kb.skipped()).toEqual([{ file: 'b.md', reason: 'could not be parsed (TypeError: analysis went wrong)' }]);
    expect(warnings).toContainEqual({ file: 'b.md', reason: 'could not be parsed (TypeError: analysis went wrong)' });

    // Still bad on the next refresh: the others still change.
    writeFileSync(path.join(dir, 'c.txt'), 'The bakery opens at eight.\n');
    expect(await kb.refresh()).toEqual({ added: [], changed: ['c.txt'], removed: [] });

    writeFileSync(path.join(dir, 'b.md'), 'This paragraph is fixed.\n');
    expect(await kb.refresh()).toEqual({ added: ['b.md'], changed: [], removed: [] });
    expect(kb.skipped()).toEqual([]);
  });
});
