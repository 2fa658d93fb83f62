/**
 * The knowledge model: files split into sections, paragraphs and sentences (passages),
 * each keeping its provenance. Text is analysed once, when it is loaded.
 */

import type { Atom, Entity } from '../text/index.js';
import type { FileTerms } from '../text/index.js';

export type { Entity, EntityKind } from '../text/index.js';

/** A fenced or indented code block of a Markdown file, as written. */
export interface CodeBlock {
  /** The fence's language (`js`, `sh`), or null. */
  lang: string | null;
  text: string;
  /** 1-based, inclusive line range of the block, fences included. */
  lines: [number, number];
}

/** A file of the knowledge folder, parsed. */
export interface KnowledgeFile {
  /** Path relative to the knowledge folder, with `/` separators. */
  file: string;
  title: string;
  url: string | null;
  tags: string[];
  /** sha256 of the file's bytes: unchanged files are not re-indexed. */
  hash: string;
  passages: Passage[];
  /** The index terms of its passages, worked out with its analysis and saved with it; absent when not (the index works them out). */
  terms?: FileTerms;
  /**
   * Its passages one at a time, for the index: read from the snapshot only when one is asked for
   * (a warm start decodes none); absent for a file not read from a snapshot (use `passages`).
   */
  passageList?: PassageList;
}

/** Where the built search index is kept between starts (beside the analysis snapshot). */
export interface SavedIndexStore {
  /** The index saved last, handed over once (null when none was saved, or it was damaged). */
  take(): Uint8Array | null;
  /** Saves it atomically; false when it could not be. */
  save(bytes: Uint8Array): Promise<boolean>;
}

/** A file's passages in order, each decoded when first asked for; ids without decoding any. */
export interface PassageList {
  readonly length: number;
  /** The passage at position i (0 ≤ i < length). */
  at(i: number): Passage;
  /** The id of the passage at position i. */
  id(i: number): string;
  /** The position of the passage with this id, or -1. */
  position(id: string): number;
}

/** One sentence with its place in the file. */
export interface Passage {
  /** Stable id: `${file}#p${paragraph}s${sentence}`. */
  id: string;
  file: string;
  title: string;
  url: string | null;
  tags: string[];
  /** Heading path (outermost first); empty when the file has no headings. */
  headings: string[];
  /** 1-based paragraph number in the file. */
  paragraph: number;
  /** 0-based sentence number in the paragraph. */
  sentence: number;
  /** 1-based, inclusive line range of the sentence in the file. */
  lines: [number, number];
  text: string;
  /** Key phrases found in the sentence. */
  entities: Entity[];
  /** sha256 of the sentence text (quiz questions keep it to notice a changed source). */
  hash: string;
  /** The ids of the sentences before and after it in the paragraph, or null. */
  prev: string | null;
  next: string | null;
  /**
   * Code blocks this sentence introduces (`To enable WAL:` and the code after it), Markdown only;
   * absent when none. Shown with the sentence when it answers; its text may be indexed too.
   */
  code?: CodeBlock[];
  /**
   * For a list item or table row: the sentence that leads the list or table in (`Options:`),
   * Markdown only; absent otherwise. Its words describe the item too.
   */
  lead?: string;
  /**
   * Spans of `text` that were inline code or dotted names (`port`, `.option()`, `process.env`),
   * Markdown only; absent when none. The quiz asks about them only as names, never inside a prompt.
   */
  atoms?: readonly Atom[];
}

/** A file that could not be loaded, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}
