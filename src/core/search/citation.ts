/** Citations: where a passage comes from, built one way for answers and quiz questions alike. */
import type { Passage } from '../knowledge/index.js';
import type { Citation } from './types.js';

/** The citation of a passage; `lines` widens it to the sentences a snippet shows around it. */
export function citationOf(passage: Passage, lines: [number, number] = passage.lines): Citation {
  return {
    file: passage.file,
    title: passage.title,
    section: passage.headings.length > 0 ? passage.headings.join(' › ') : null,
    paragraph: passage.paragraph,
    lines,
    url: passage.url,
  };
}
