/** The scripts' list of a folder's knowledge files, as a cold build reads them. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every `.md`/`.markdown`/`.txt` file below `folder` (absolute paths, sorted), keeping every `every`-th. */
export function knowledgeFiles(folder: string, every = 1): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|markdown|txt)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .filter((_, i) => i % every === 0);
}
