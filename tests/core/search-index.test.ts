import { describe, expect, it } from 'vitest';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';
import { correct } from '../../src/core/search/question.js';
import { SearchIndex } from '../../src/core/search/search-index.js';

function indexOf(files: Record<string, string>): SearchIndex {
  const index = new SearchIndex();
  for (const [file, text] of Object.entries(files)) index.setFile(file, parseKnowledgeFile(file, text).passages);
  return index;
}

describe('spelling correction', () => {
  const index = indexOf({
    'a.txt': 'The harbour of Valparaiso holds cargo. Ships bring cargo and carpets. A garbo sang.',
    'b.txt': 'Measurements were taken. The treasurement was small. Parliament voted. Parliament met.',
  });

  it('takes a word one edit away, whatever its first letter', () => {
    expect(correct('targo', index)).toBe('cargo');
  });

  it('takes a word two edits away only when it starts with the same letter', () => {
    expect(correct('measurmentz', index)).toBe('measurements');
    expect(correct('xeasurements', index)).toBe('measurements');
    expect(correct('parlamint', index)).toBe('parliament');
    expect(correct('barliamant', index)).toBeNull();
  });

  it('prefers the nearer word, then the more frequent one', () => {
    expect(correct('carpo', index)).toBe('cargo');
  });

  it('leaves short words and numbers alone', () => {
    expect(correct('cag', index)).toBeNull();
    expect(correct('car9o', index)).toBeNull();
  });
});
