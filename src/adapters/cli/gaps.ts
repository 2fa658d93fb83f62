/**
 * `citebot gaps`: what the knowledge misses, from the recorded questions and votes (`--json` for the
 * value). `citebot report --html FILE`: the same as one self-contained page with charts.
 */
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Citebot } from '../../core/app.js';
import { dayOf, type GapsFilter, type GapsOptions, type GapsReport } from '../../core/gaps/index.js';
import type { Style } from './render.js';

interface GapsFlags {
  since?: number;
  until?: number;
  platform?: string;
  limit?: number;
  showDm?: boolean;
  json?: boolean;
  html?: string;
}

/** `YYYY-MM-DD` (UTC) as ms; `--until` takes the whole day. */
const date = (endOfDay: boolean) => (value: string) => {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(at)) throw new InvalidArgumentError('Expected a date as YYYY-MM-DD.');
  return endOfDay ? at + 86_400_000 : at;
};
const count = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1000) throw new InvalidArgumentError('Expected a whole number from 1 to 1000.');
  return n;
};

/** The filter options both commands take. */
function filterOptions(command: Command): Command {
  return command
    .addOption(new Option('--since <date>', 'only from this day (YYYY-MM-DD, UTC)').argParser(date(false)))
    .addOption(new Option('--until <date>', 'only up to this day, inclusive (YYYY-MM-DD, UTC)').argParser(date(true)))
    .addOption(new Option('--platform <name>', 'only one platform').choices(['discord', 'slack', 'cli']))
    .addOption(new Option('--limit <n>', 'rows per list (default 20)').argParser(count))
    .option('--show-dm', 'show the text of questions asked in direct messages (hidden by default)');
}

/** The report options the flags ask for. */
export function gapsOptions(flags: GapsFlags): Partial<GapsOptions> {
  const filter: GapsFilter = {
    ...(flags.since !== undefined ? { from: flags.since } : {}),
    ...(flags.until !== undefined ? { to: flags.until } : {}),
    ...(flags.platform ? { platform: flags.platform } : {}),
  };
  return { filter, showDmText: flags.showDm === true, ...(flags.limit ? { limit: flags.limit } : {}) };
}

/** Adds `gaps` and `report` to the program; `load` opens the core as the other commands do. */
export function addGapsCommands(program: Command, load: () => Promise<{ core: Citebot }>, style: () => Style): void {
  filterOptions(program.command('gaps'))
    .description('what the knowledge misses: unanswered questions by missing term, 👎 passages, most asked topics')
    .option('--json', 'print the report as JSON')
    .action(async (flags: GapsFlags) => {
      const { core } = await load();
      try {
        const report = core.gaps(gapsOptions(flags));
        process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : `${renderGaps(report, style())}\n`);
      } finally {
        await core.close();
      }
    });

  filterOptions(program.command('report'))
    .description('write the gaps report as one self-contained HTML page with charts')
    .requiredOption('--html <file>', 'the page to write')
    .action(async (flags: GapsFlags & { html: string }) => {
      const { core } = await load();
      try {
        const { renderHtmlReport } = await import('../../core/gaps/html.js');
        try {
          writeFileSync(flags.html, renderHtmlReport(core.gaps(gapsOptions(flags))));
        } catch (err) {
          process.stderr.write(
            `citebot: cannot write ${flags.html} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); choose a file in a folder you can write.\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`Wrote ${flags.html}\n`);
      } finally {
        await core.close();
      }
    });
}

/** The report as terminal text. */
export function renderGaps(r: GapsReport, style: Style): string {
  const out: string[] = [];
  const { totals } = r;
  out.push(
    style.bold('Questions') +
      `: ${totals.questions} (${totals.answered} answered, ${totals.unanswered} not); votes ${totals.votesUp} 👍 ${totals.votesDown} 👎` +
      (r.days.length ? ` — ${r.days[0]!.day} to ${r.days[r.days.length - 1]!.day}` : ''),
  );
  out.push('', style.bold('Unanswered, by missing term'));
  if (r.gaps.length === 0) out.push('  (none)');
  for (const g of r.gaps) {
    const also = g.related.length ? ` (with ${g.related.slice(0, 3).join(', ')})` : '';
    out.push(
      `  ${g.count}× ${style.bold(g.term)}${also} — last asked ${dayOf(g.lastAsked)}${g.askers.length ? ` by ${g.askers.join(', ')}` : ''}`,
    );
    for (const e of g.examples) out.push(style.dim(`      “${e}”`));
    out.push(style.dim(`      → ${g.hint}`));
  }
  out.push('', style.bold('Passages voted 👎'));
  if (r.downvoted.length === 0) out.push('  (none)');
  for (const p of r.downvoted) {
    out.push(`  ${p.down}👎 ${p.up}👍 ${p.title ? `${p.title} (${p.passageId})` : `${p.passageId} (no longer in the knowledge)`}`);
    if (p.text) out.push(style.dim(`      ${p.text.length > 160 ? `${p.text.slice(0, 159)}…` : p.text}`));
    for (const q of p.questions) out.push(style.dim(`      asked: “${q}”`));
  }
  out.push('', style.bold('Most asked answered topics'));
  if (r.topics.length === 0) out.push('  (none)');
  for (const t of r.topics) out.push(`  ${t.count}× ${t.topic}`);
  return out.join('\n');
}
