/**
 * The persisted analysis: what analysing a file yields (its passages, entities, acronyms), saved
 * under `DATA_DIR/index/<fingerprint>/` keyed by the file's path and content hash, so a start with
 * unchanged files reads instead of analysing again. The fingerprint covers the citebot version,
 * its dependencies and the source of the analysis (parser, lexicon, terms), so a parser change
 * starts a fresh snapshot. Each entry is one file written to a temporary name and renamed: a
 * reader (another process sharing `DATA_DIR`, or the next start after a `kill -9`) sees a whole
 * entry or none. A checksum catches a damaged one, which is analysed again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { parseKnowledgeFile } from './parse.js';
import type { Passage } from './types.js';

/** What analysing one file yields; kept opaque here (the parser owns its shape). */
export type Analysis = ReturnType<typeof parseKnowledgeFile>;

/** The first bytes of an entry: the format, then the md5 of the rest. */
const MAGIC = Buffer.from('CBSNAP2\n');
const HEADER_BYTES = MAGIC.length + 16;
/**
 * Passages per separately encoded piece of an entry: the main thread decodes one piece at a time
 * (a few milliseconds each) and lets the event loop run in between, so a large file being loaded
 * never holds up replies for long (a 4 MiB file decoded at once stalled it 3.5 s here).
 */
export const PASSAGES_PER_PIECE = 500;

/**
 * Encodes an analysis as the bytes of a snapshot entry (done in the worker that analysed it): the
 * file without its passages, then its passages in pieces, each serialized on its own. What every
 * passage repeats from its file (file name, title, url, tags) is left out and put back on decoding.
 */
export function encodeAnalysis(analysis: Analysis): Uint8Array {
  const pieces = [serialize({ ...analysis, passages: [] })];
  const own = (p: Passage) => {
    const out: Partial<Passage> = { ...p };
    for (const key of FROM_FILE) if (sameValue(p[key], analysis[key])) delete out[key];
    return out;
  };
  for (let i = 0; i < analysis.passages.length; i += PASSAGES_PER_PIECE)
    pieces.push(serialize(analysis.passages.slice(i, i + PASSAGES_PER_PIECE).map(own)));
  const table = Buffer.alloc(4 + 4 * pieces.length);
  table.writeUInt32LE(pieces.length, 0);
  pieces.forEach((piece, i) => table.writeUInt32LE(piece.length, 4 + 4 * i));
  const body = Buffer.concat([table, ...pieces]);
  return Buffer.concat([MAGIC, createHash('md5').update(body).digest(), body]);
}

/** What a passage holds as its file does (left out of each passage in an entry). */
const FROM_FILE = ['file', 'title', 'url', 'tags'] as const;

const sameValue = (a: unknown, b: unknown) =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Decodes an entry a piece at a time, awaiting `pause` between pieces; null when it is truncated,
 * damaged or not an entry. Each passage gets back its file's name, title, url and tags (the
 * file's own values, shared), and the strings and heading paths that repeat from passage to passage
 * are shared through `strings`: decoding copies each, so they would otherwise be held once per passage.
 */
export async function decodeAnalysis(
  bytes: Uint8Array,
  strings = new Map<string, string>(),
  pause: () => Promise<unknown> = () => Promise.resolve(),
): Promise<Analysis | null> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEADER_BYTES + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const body = buf.subarray(HEADER_BYTES);
  if (!createHash('md5').update(body).digest().equals(buf.subarray(MAGIC.length, HEADER_BYTES))) return null;
  try {
    const count = body.readUInt32LE(0);
    let at = 4 + 4 * count;
    const pieces: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const length = body.readUInt32LE(4 + 4 * i);
      pieces.push(body.subarray(at, at + length));
      at += length;
    }
    const value = deserialize(pieces[0]!) as Analysis;
    if (!value || typeof value !== 'object' || !Array.isArray(value.passages)) return null;
    const share = (text: string) => {
      const shared = strings.get(text);
      if (shared !== undefined) return shared;
      strings.set(text, text);
      return text;
    };
    value.file = share(value.file);
    value.title = share(value.title);
    if (value.terms) value.terms = copied(value.terms);
    const headings = new Map<string, string[]>();
    for (const piece of pieces.slice(1)) {
      await pause();
      for (const p of deserialize(piece) as Passage[]) {
        for (const key of FROM_FILE) if (!Object.hasOwn(p, key)) (p as unknown as Record<string, unknown>)[key] = value[key];
        const key = p.headings.join('\u0000');
        let shared = headings.get(key);
        if (!shared) headings.set(key, (shared = p.headings.map(share)));
        p.headings = shared;
        for (const e of p.entities) {
          e.kind = share(e.kind) as typeof e.kind;
          e.text = share(e.text);
          if (e.unit !== undefined) e.unit = share(e.unit);
        }
        value.passages.push(p);
      }
    }
    return value;
  } catch {
    return null;
  }
}

/** A decoded typed array may view the whole entry's bytes: its own copy, so that those can be freed. */
function copied<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value))
    if (ArrayBuffer.isView(v) && v.byteLength < v.buffer.byteLength) (value as Record<string, unknown>)[key] = (v as Uint8Array).slice();
  return value;
}

let cachedFingerprint: string | undefined;

/**
 * A hash of everything the analysis depends on: citebot's version and dependencies, and the source
 * of the modules that parse and analyse (this folder and `../text`), so a changed parser or
 * lexicon never reads an old snapshot.
 */
export function analysisFingerprint(): string {
  if (cachedFingerprint) return cachedFingerprint;
  const hash = createHash('sha256');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const pkg = findPackageJson(here);
  if (pkg) {
    const { version, dependencies } = JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string; dependencies?: unknown };
    hash.update(JSON.stringify({ version, dependencies }));
  }
  for (const dir of [here, path.join(here, '..', 'text')]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(ts|js|json)$/.test(name) || name.endsWith('.d.ts')) continue;
      hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  return (cachedFingerprint = hash.digest('hex').slice(0, 16));
}

function findPackageJson(from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      if (path.dirname(dir) === dir) return null;
    }
  }
}

/** A temporary file older than this was left by a writer that died (writing one takes well under a second). */
export const STALE_TMP_MS = 10 * 60_000;

/** Why an entry was not read: none saved yet, or one that is damaged. */
export type SnapshotMiss = 'missing' | 'corrupt';

/** The snapshot folder of one `DATA_DIR`. Reading never throws; writing reports failure as `false`. */
export class AnalysisSnapshot {
  readonly dir: string;

  constructor(
    /** `DATA_DIR/index`. */
    readonly root: string,
    fingerprint = analysisFingerprint(),
  ) {
    this.dir = path.join(root, fingerprint);
  }

  /** The key of a file's entry: its path (ids and titles come from it) and content hash. */
  static key(file: string, contentHash: string): string {
    return createHash('sha256').update(file).update('\0').update(contentHash).digest('hex');
  }

  /** Whether snapshots of other versions (or analysis) lie beside this one: they are stale. */
  async hasStale(): Promise<boolean> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    return names.some((n) => n !== path.basename(this.dir) && !n.startsWith('.'));
  }

  /** Reads an entry (decoded as `decodeAnalysis` does, with `strings` and `pause`). */
  async read(key: string, strings: Map<string, string>, pause: () => Promise<unknown>): Promise<Analysis | SnapshotMiss> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.entry(key));
    } catch {
      return 'missing';
    }
    return (await decodeAnalysis(bytes, strings, pause)) ?? 'corrupt';
  }

  /** Saves an entry atomically: a temporary file in the same folder, then a rename over the name. */
  async write(key: string, bytes: Uint8Array): Promise<boolean> {
    const tmp = path.join(this.dir, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, bytes);
      await rename(tmp, this.entry(key));
      return true;
    } catch {
      await unlink(tmp).catch(() => {});
      return false;
    }
  }

  /** Deletes the snapshots of other versions (or analysis), once this one replaces them. */
  async prune(): Promise<void> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((n) => n !== path.basename(this.dir) && !n.startsWith('.'))
        .map((n) => rm(path.join(this.root, n), { recursive: true, force: true }).catch(() => {})),
    );
  }

  /**
   * Deletes the entries not in `keep` (files that changed or went) and temporary files older than
   * `STALE_TMP_MS` (left by a writer that was killed). Another process loading the same folder at
   * worst analyses a file again.
   */
  async keepOnly(keep: Set<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const now = Date.now();
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(this.dir, name);
        if (name.endsWith('.v8') && !keep.has(name.slice(0, -3))) await unlink(file).catch(() => {});
        else if (name.endsWith('.tmp')) {
          const info = await stat(file).catch(() => null);
          if (info && now - info.mtimeMs > STALE_TMP_MS) await unlink(file).catch(() => {});
        }
      }),
    );
  }

  /** Deletes every snapshot, of this version and of others (`citebot index --rebuild`). */
  async clear(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private entry(key: string): string {
    return path.join(this.dir, `${key}.v8`);
  }
}
