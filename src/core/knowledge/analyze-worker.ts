/**
 * Analyses one knowledge file, in a worker thread of the pool (or in the calling thread when no
 * worker can start): the result comes back as the bytes of its snapshot entry, so the
 * main thread only decodes it and can save it as it is.
 */
import { KnowledgeFileError, parseKnowledgeFile } from './parse.js';
import { fileTerms } from '../text/index.js';
import { encodeAnalysis, type Analysis } from './snapshot.js';

export interface AnalyzeTask {
  file: string;
  text: string;
  hash: string;
}

/** The entry's bytes, or why the file cannot be loaded (broken front matter). */
export type AnalyzeResult = { bytes: Uint8Array } | { reason: string };

/** A file's analysis with its index terms (what its snapshot entry holds), or why it cannot be loaded. */
export function analyzeText(task: AnalyzeTask): Analysis | { reason: string } {
  try {
    const analysis = parseKnowledgeFile(task.file, task.text, task.hash);
    // The passages' index terms too: tokenizing and stemming is most of indexing, done here in parallel and saved.
    return { ...analysis, terms: fileTerms(analysis.passages) };
  } catch (err) {
    if (err instanceof KnowledgeFileError) return { reason: err.message };
    throw err;
  }
}

export function analyzeFile(task: AnalyzeTask): AnalyzeResult {
  const analysis = analyzeText(task);
  return 'reason' in analysis ? analysis : { bytes: encodeAnalysis(analysis) };
}

/** The worker's entry point; `null` is the start-up probe. */
export default function run(task: AnalyzeTask | null): unknown {
  if (task === null) return 'ready';
  return analyzeFile(task);
}
