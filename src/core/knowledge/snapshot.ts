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
import { readdirSync, readFileSync, type Stats } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import zlib from 'node:zlib';
import type { parseKnowledgeFile } from './parse.js';
import type { Passage, PassageList } from './types.js';

/** What analysing one file yields; kept opaque here (the parser owns its shape). */
export type Analysis = ReturnType<typeof parseKnowledgeFile>;

/** The first bytes of an entry: the format, then the checksum of the rest. */
const MAGIC = Buffer.from('CBSNAP4\n');
const HEADER_BYTES = MAGIC.length + 4;

/**
 * The checksum of an entry's body: zlib's CRC-32 (md5 over the 81 MB of entries of /usr/share/doc
 * took a third of a warm start's loading); the first bytes of an md5 on a Node without it (< 20.15).
 */
function checksum(body: Uint8Array): Buffer {
  if (typeof zlib.crc32 !== 'function') return createHash('md5').update(body).digest().subarray(0, 4);
  const out = Buffer.alloc(4);
  out.writeUInt32LE(zlib.crc32(body));
  return out;
}
/**
 * Passages per separately encoded piece of an entry: a passage is decoded with the others of its
 * piece when the index first asks for it (a candidate, a neighbour), so a piece is what a question
 * may have to decode (16 a piece decoded 3.7 ms of passages per question on /usr/share/doc; a warm start decodes none).
 */
export const PASSAGES_PER_PIECE = 4;
/** Sentence numbers below this make a passage's place one number (paragraph × this + sentence), exact in a double. */
const SENTENCES_PER_PARAGRAPH = 2 ** 21;

/** The first piece of an entry: the file without its passages and terms, how many passages there are and, when ids follow from them, their places. */
type Head = Analysis & { count: number; places: Uint32Array | null };
/** Pieces of an entry before its passages': the head, then the terms (decoded when first asked for: a start that reads the saved search index never does). */
const LEADING_PIECES = 2;

/**
 * Encodes an analysis as the bytes of a snapshot entry (done in the worker that analysed it): the
 * file without its passages, then its passages in pieces, each serialized on its own. What every
 * passage repeats from its file (file name, title, url, tags) is left out and put back on decoding,
 * and so are ids when they are `file#p<paragraph>s<sentence>` (as the parser makes them): the
 * paragraph and sentence numbers are kept in one typed array, which gives ids without decoding.
 */
export function encodeAnalysis(analysis: Analysis): Uint8Array {
  const { file, passages } = analysis;
  const placed = passages.every(
    (p) =>
      Number.isInteger(p.paragraph) &&
      p.paragraph >= 0 &&
      p.paragraph <= 0xffffffff &&
      Number.isInteger(p.sentence) &&
      p.sentence >= 0 &&
      p.sentence < SENTENCES_PER_PARAGRAPH &&
      p.id === `${file}#p${p.paragraph}s${p.sentence}`,
  );
  const places = placed ? Uint32Array.from(passages.flatMap((p) => [p.paragraph, p.sentence])) : null;
  const { terms, ...rest } = analysis;
  const head: Head = { ...rest, passages: [], count: passages.length, places };
  const pieces = [serialize(head), serialize(terms ?? null)];
  const own = (p: Passage) => {
    const out: Partial<Passage> = { ...p };
    for (const key of FROM_FILE) if (sameValue(p[key], analysis[key])) delete out[key];
    if (placed) delete out.id;
    return out;
  };
  for (let i = 0; i < passages.length; i += PASSAGES_PER_PIECE) pieces.push(serialize(passages.slice(i, i + PASSAGES_PER_PIECE).map(own)));
  const table = Buffer.alloc(4 + 4 * pieces.length);
  table.writeUInt32LE(pieces.length, 0);
  pieces.forEach((piece, i) => table.writeUInt32LE(piece.length, 4 + 4 * i));
  const body = Buffer.concat([table, ...pieces]);
  return Buffer.concat([MAGIC, checksum(body), body]);
}

/** What a passage holds as its file does (left out of each passage in an entry). */
const FROM_FILE = ['file', 'title', 'url', 'tags'] as const;

const sameValue = (a: unknown, b: unknown) =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Decodes an entry's file (its title, acronyms…); null when it is truncated, damaged or not an
 * entry. Its terms and passages stay encoded until asked for: `terms` decodes them (once),
 * `passageList` the piece that holds the passage asked for, `passages` all of them (once). Each passage gets back its file's name,
 * title, url and tags (the file's own values, shared), and the strings and heading paths that
 * repeat from passage to passage are shared through `strings`: decoding copies each, so they
 * would otherwise be held once per passage.
 */
export function decodeAnalysis(bytes: Uint8Array, strings = new Map<string, string>()): Analysis | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEADER_BYTES + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const body = buf.subarray(HEADER_BYTES);
  if (!checksum(body).equals(buf.subarray(MAGIC.length, HEADER_BYTES))) return null;
  try {
    const count = body.readUInt32LE(0);
    let at = 4 + 4 * count;
    const pieces: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const length = body.readUInt32LE(4 + 4 * i);
      pieces.push(body.subarray(at, at + length));
      at += length;
    }
    const head = deserialize(pieces[0]!) as Head;
    if (
      !head ||
      typeof head !== 'object' ||
      !Array.isArray(head.passages) ||
      !Number.isInteger(head.count) ||
      pieces.length - LEADING_PIECES !== Math.ceil(head.count / PASSAGES_PER_PIECE) ||
      !(head.places === null || (head.places instanceof Uint32Array && head.places.length === 2 * head.count))
    )
      return null;
    const { count: passages, places, ...value } = head;
    value.file = share(strings, value.file);
    value.title = share(strings, value.title);
    const list = new SnapshotPassages(value, passages, pieces.slice(LEADING_PIECES), places && places.slice(), strings);
    Object.defineProperty(value, 'passages', { enumerable: true, configurable: true, get: () => list.all() });
    let terms: Analysis['terms'] | null | undefined;
    Object.defineProperty(value, 'terms', {
      enumerable: true,
      configurable: true,
      // A damaged terms piece is as if none were saved: the index works them out.
      get: () => (terms === undefined ? (terms = termsOf(pieces[1]!)) : terms) ?? undefined,
    });
    Object.defineProperty(value, 'passageList', { value: list, enumerable: false });
    return value;
  } catch {
    return null;
  }
}

function share(strings: Map<string, string>, text: string): string {
  const shared = strings.get(text);
  if (shared !== undefined) return shared;
  strings.set(text, text);
  return text;
}

/**
 * The passages of an entry, decoded a piece at a time when first asked for. The encoded pieces
 * (views of the entry's bytes) are let go once all are decoded.
 */
class SnapshotPassages implements PassageList {
  private readonly decoded: (Passage[] | undefined)[];
  private pieces: (Buffer | null)[];
  private left: number;
  private everything: Passage[] | null = null;
  private readonly headings = new Map<string, string[]>();
  /** Place (paragraph × SENTENCES_PER_PARAGRAPH + sentence) → position; ids → position when ids are not places. */
  private byPlace: Map<number, number> | null = null;
  /** Whether places ascend (then looked up by bisection); worked out when first looked up. */
  private sorted: boolean | undefined;
  private byId: Map<string, number> | null = null;

  constructor(
    private readonly file: Omit<Analysis, 'passages'>,
    readonly length: number,
    pieces: Buffer[],
    private readonly places: Uint32Array | null,
    private readonly strings: Map<string, string>,
  ) {
    this.pieces = pieces;
    this.decoded = new Array<Passage[] | undefined>(pieces.length);
    this.left = pieces.length;
  }

  at(i: number): Passage {
    const k = Math.floor(i / PASSAGES_PER_PIECE);
    const piece = (this.decoded[k] ??= this.decode(k));
    const p = piece[i - k * PASSAGES_PER_PIECE];
    if (!p) throw new RangeError(`no passage ${i} in ${this.file.file} (${this.length})`);
    return p;
  }

  id(i: number): string {
    return this.places ? `${this.file.file}#p${this.places[2 * i]!}s${this.places[2 * i + 1]!}` : this.at(i).id;
  }

  position(id: string): number {
    const places = this.places;
    if (!places) {
      this.byId ??= new Map(this.all().map((p, i) => [p.id, i]));
      return this.byId.get(id) ?? -1;
    }
    const prefix = `${this.file.file}#p`;
    if (!id.startsWith(prefix)) return -1;
    const place = /^(\d+)s(\d+)$/.exec(id.slice(prefix.length));
    if (!place) return -1;
    const key = Number(place[1]) * SENTENCES_PER_PARAGRAPH + Number(place[2]);
    const at = (i: number) => places[2 * i]! * SENTENCES_PER_PARAGRAPH + places[2 * i + 1]!;
    // Places in file order (as the parser numbers them) are found by bisection, others through a map.
    if (this.sorted === undefined) {
      this.sorted = true;
      for (let k = 0; k + 1 < this.length && this.sorted; k++) this.sorted = at(k) < at(k + 1);
    }
    let i: number | undefined;
    if (this.sorted) {
      let lo = 0;
      let hi = this.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (at(mid) < key) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    } else {
      if (!this.byPlace) {
        this.byPlace = new Map();
        for (let k = 0; k < this.length; k++) this.byPlace.set(at(k), k);
      }
      i = this.byPlace.get(key);
    }
    return i !== undefined && i < this.length && this.id(i) === id ? i : -1;
  }

  /** Every passage, in order (decoded once; the same array every time). */
  all(): Passage[] {
    if (this.everything) return this.everything;
    const out: Passage[] = [];
    for (let k = 0; k < this.decoded.length; k++) out.push(...(this.decoded[k] ??= this.decode(k)));
    return (this.everything = out);
  }

  private decode(k: number): Passage[] {
    const piece = this.pieces[k];
    if (!piece) throw new Error(`piece ${k} of ${this.file.file} decoded twice`);
    const passages = deserialize(piece) as Passage[];
    const from = k * PASSAGES_PER_PIECE;
    const file = this.file as unknown as Record<string, unknown>;
    passages.forEach((saved, j) => {
      // The id first, where the parser puts it.
      const p = this.places ? (passages[j] = { id: this.id(from + j), ...(saved as Omit<Passage, 'id'>) }) : saved;
      for (const key of FROM_FILE) if (!Object.hasOwn(p, key)) (p as unknown as Record<string, unknown>)[key] = file[key];
      const key = p.headings.join('\u0000');
      let shared = this.headings.get(key);
      if (!shared) this.headings.set(key, (shared = p.headings.map((h) => share(this.strings, h))));
      p.headings = shared;
      for (const e of p.entities) {
        e.kind = share(this.strings, e.kind) as typeof e.kind;
        e.text = share(this.strings, e.text);
        if (e.unit !== undefined) e.unit = share(this.strings, e.unit);
      }
    });
    this.pieces[k] = null;
    if (--this.left === 0) this.pieces = [];
    return passages;
  }
}

/** An entry's terms piece decoded, or null when it holds none or cannot be decoded. */
function termsOf(piece: Buffer): Analysis['terms'] | null {
  try {
    const terms = deserialize(piece) as Analysis['terms'] | null;
    return terms && typeof terms === 'object' ? copied(terms) : null;
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

/** A file's path, size, modification and change times (ms), when it was hashed (ms), and its content hash. */
export type SeenFile = [file: string, size: number, mtimeMs: number, ctimeMs: number, at: number, hash: string];
/** The stats of a knowledge folder's files when they were hashed (the knowledge folder's own, as an absolute path). */
export interface SavedSeenFiles {
  dir: string;
  files: SeenFile[];
}
/** The file in the snapshot folder that keeps them. */
const SEEN_FILE = 'files.json';

/**
 * A file's stat changed less than this before it was hashed may hide a later change in the same
 * tick of the file system's clock (2 s on the coarsest); such a file is hashed again next time.
 */
const RACY_MS = 2000;

/**
 * Each file's stat (size, modification and change times) when its content was last hashed,
 * with that hash: a file whose stat is unchanged is not read again (as git's index does). The hash
 * stays the key of its analysis; this only spares reading and hashing unchanged files.
 */
export class SeenFiles {
  private readonly files = new Map<string, SeenFile>();
  /** Whether it changed since it was read or saved. */
  changed = false;

  constructor(
    readonly dir: string,
    saved: SavedSeenFiles | null,
  ) {
    if (saved?.dir !== dir || !Array.isArray(saved.files)) {
      this.changed = true;
      return;
    }
    for (const f of saved.files)
      if (
        Array.isArray(f) &&
        f.length === 6 &&
        typeof f[0] === 'string' &&
        typeof f[5] === 'string' &&
        f.slice(1, 5).every(Number.isFinite)
      )
        this.files.set(f[0], f);
  }

  /** The file's hash when its stat is as when it was hashed, long enough after its last change. */
  hash(rel: string, info: Stats): string | undefined {
    const f = this.files.get(rel);
    if (!f) return undefined;
    const [, size, mtimeMs, ctimeMs, at, hash] = f;
    const same = size === info.size && mtimeMs === info.mtimeMs && ctimeMs === info.ctimeMs && at - RACY_MS > Math.max(mtimeMs, ctimeMs);
    return same ? hash : undefined;
  }

  set(rel: string, info: Stats, at: number, hash: string): void {
    this.files.set(rel, [rel, info.size, info.mtimeMs, info.ctimeMs, at, hash]);
    this.changed = true;
  }

  /** Forgets the files not in `present`. */
  keepOnly(present: Set<string>): void {
    for (const rel of this.files.keys()) if (!present.has(rel)) this.changed = this.files.delete(rel) || this.changed;
  }

  saved(): SavedSeenFiles {
    return { dir: this.dir, files: [...this.files.values()] };
  }
}

/** The saved search index's file in the snapshot folder, and its first bytes: its format, the checksum of the rest, padding to 8 bytes (its arrays are read in place). */
const INDEX_FILE = 'search.idx';
const INDEX_MAGIC = Buffer.from('CBINDEX1');
const INDEX_HEADER_BYTES = 16;

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

  /**
   * Reads an entry (decoded as `decodeAnalysis` does, with `strings`). Read synchronously: an entry
   * is a few hundred kB read in well under a millisecond, and a start reads hundreds of them
   * (asynchronous reads spent 0.1 s of CPU and as much waiting on /usr/share/doc's 721).
   */
  async read(key: string, strings: Map<string, string>): Promise<Analysis | SnapshotMiss> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.entry(key));
    } catch {
      return 'missing';
    }
    return decodeAnalysis(bytes, strings) ?? 'corrupt';
  }

  /** Saves an entry atomically: a temporary file in the same folder, then a rename over the name. */
  write(key: string, bytes: Uint8Array): Promise<boolean> {
    return this.replace(this.entry(key), [bytes]);
  }

  /**
   * Reads the saved search index (its bytes as `writeIndex` was given them, 8-byte aligned), or
   * why not: none saved, or a damaged one (checksum). Which files it was built from is the index's to check.
   */
  async readIndex(): Promise<Uint8Array | SnapshotMiss> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.indexFile());
    } catch {
      return 'missing';
    }
    if (bytes.length < INDEX_HEADER_BYTES || !bytes.subarray(0, INDEX_MAGIC.length).equals(INDEX_MAGIC)) return 'corrupt';
    const body = bytes.subarray(INDEX_HEADER_BYTES);
    return checksum(body).equals(bytes.subarray(INDEX_MAGIC.length, INDEX_MAGIC.length + 4)) ? body : 'corrupt';
  }

  /** Saves the search index atomically (as an entry), with a checksum; one file, replaced whole. */
  writeIndex(bytes: Uint8Array): Promise<boolean> {
    const header = Buffer.alloc(INDEX_HEADER_BYTES);
    INDEX_MAGIC.copy(header);
    checksum(bytes).copy(header, INDEX_MAGIC.length);
    return this.replace(this.indexFile(), [header, bytes]);
  }

  /** The stats of the files when they were last hashed (null when none were saved, or they cannot be read). */
  async readSeen(): Promise<SavedSeenFiles | null> {
    try {
      const saved = JSON.parse(await readFile(path.join(this.dir, SEEN_FILE), 'utf8')) as unknown;
      return saved && typeof saved === 'object' ? (saved as SavedSeenFiles) : null;
    } catch {
      return null;
    }
  }

  /** Saves them atomically (a failure only costs hashing the files again). */
  writeSeen(seen: SavedSeenFiles): Promise<boolean> {
    return this.replace(path.join(this.dir, SEEN_FILE), [Buffer.from(JSON.stringify(seen))]);
  }

  /** Writes `parts` to a temporary file beside `target`, then renames it over `target`. */
  private async replace(target: string, parts: Uint8Array[]): Promise<boolean> {
    const tmp = path.join(this.dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, parts);
      await rename(tmp, target);
      return true;
    } catch {
      await unlink(tmp).catch(() => {});
      return false;
    }
  }

  private indexFile(): string {
    return path.join(this.dir, INDEX_FILE);
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
