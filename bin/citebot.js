#!/usr/bin/env node
// The citebot command. The TypeScript is compiled to dist/ by `npm ci` / `npm install` (the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/adapters/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('citebot: not built yet. Run `npm ci` (or `npm run build`) in the project folder first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
