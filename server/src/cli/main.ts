/**
 * `citelens`: the command-line host of the core (product.md §6). The same analysis as the editor.
 * Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage or I/O failure.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCitelensService } from '../service/service';
import { numberingSettings, type NumberingSetting, type Settings } from '../service/settings';
import { runCheck } from './check';
import { runCitations } from './citations';
import { runCoverage, type CoverageFormat } from './coverage';
import { runRenumber } from './renumber';
import { NodeWorkspace } from './nodeWorkspace';
// The one version, package.json's: esbuild inlines this one field into dist/cli.js at build time.
import { version as VERSION } from '../../../package.json';

const USAGE = `citelens ${VERSION} — check citations in Markdown manuscripts

Usage:
  citelens check [PATH…]        check manuscripts (files or folders; default .)
      --format text|json|sarif  output format (default text)
      --bib FILE                bibliography to use (repeatable; overrides discovery)
      --taxonomy FILE           taxonomy file
      --max-warnings N          exit 1 when there are more than N warnings
      --numbering auto|citation-order|alphabetical
                                how the reference list is numbered (default auto:
                                detected); alphabetical: order of first citation unchecked
  citelens citations FILE       list every citation, the works it names and their topic fit
      --format json|md|csv      output format (default json)
      --bib FILE, --taxonomy FILE
  citelens coverage FILE|FOLDER taxonomy terms × sections: mentions, works cited near them,
                                sections citing no work
      --format md|json|html     output format (default md)
      --bib FILE, --taxonomy FILE
  citelens renumber FILE…       number works by first citation: print the diff (exit 1 if needed)
      --write                   apply it to the files instead (exit 0)
      --from-bib                also rewrite each list item from its BibTeX entry (CSL style)
      --style NAME|FILE.csl     style for --from-bib (default vancouver)
      --no-compact              write [3, 4, 5], not [3–5]
      --remove-uncited          delete uncited list items instead of moving them to the end
      --bib FILE, --numbering (as for check; an alphabetical list is not renumbered)
  citelens --version | --help
`;

import { UsageError } from './usageError';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      bib: { type: 'string', multiple: true },
      taxonomy: { type: 'string' },
      'max-warnings': { type: 'string' },
      'no-color': { type: 'boolean' },
      write: { type: 'boolean' },
      'from-bib': { type: 'boolean' },
      style: { type: 'string' },
      'no-compact': { type: 'boolean' },
      'remove-uncited': { type: 'boolean' },
      numbering: { type: 'string' },
    },
  });
  const settings: Partial<Settings> = {};
  if (values.bib?.length) {
    // `--bib` overrides discovery (as `--help` says): the front matter's bibliography too.
    settings.bibliography = values.bib.map((b) => resolve(b));
    settings.bibliographyOverridesFrontMatter = true;
  }
  if (values.taxonomy) settings.taxonomy = resolve(values.taxonomy);
  if (values.numbering !== undefined) {
    if (!numberingSettings.includes(values.numbering as NumberingSetting)) throw new UsageError(`Unknown --numbering “${values.numbering}”: use ${numberingSettings.join(', ')}.`);
    settings.numbering = values.numbering as NumberingSetting;
  }
  const roots = positionals.length ? positionals.map((p) => resolve(p)) : [process.cwd()];
  const workspace = new NodeWorkspace([process.cwd(), ...roots.map((r) => dirname(r))]);
  const service = createCitelensService(workspace, settings);

  switch (command) {
    case 'check': {
      const format = values.format ?? 'text';
      if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown --format “${format}”: use text, json or sarif.`);
      let maxWarnings = Infinity;
      if (values['max-warnings'] !== undefined) {
        maxWarnings = Number(values['max-warnings']);
        if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings needs a whole number ≥ 0.');
      }
      return runCheck(service, workspace, positionals.length ? positionals : ['.'], {
        format: format as 'text' | 'json' | 'sarif',
        maxWarnings,
        color: !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR,
        version: VERSION,
      });
    }
    case 'citations': {
      const format = values.format ?? 'json';
      if (!['json', 'md', 'csv'].includes(format)) throw new UsageError(`Unknown --format “${format}”: use json, md or csv.`);
      if (positionals.length !== 1) throw new UsageError('citelens citations takes one manuscript file.');
      return runCitations(service, positionals[0], format as 'json' | 'md' | 'csv');
    }
    case 'coverage': {
      const format = values.format ?? 'md';
      if (!['md', 'json', 'html'].includes(format)) throw new UsageError(`Unknown --format “${format}”: use md, json or html.`);
      if (positionals.length === 0) throw new UsageError('citelens coverage takes a manuscript file or a folder.');
      return runCoverage(service, positionals, format as CoverageFormat);
    }
    case 'renumber': {
      let style = values.style ?? service.settings.citationStyle;
      if (/\.csl$/i.test(style)) {
        try {
          style = readFileSync(resolve(style), 'utf8');
        } catch {
          throw new UsageError(`Cannot read the CSL style “${style}”.`);
        }
      }
      return runRenumber(service, positionals, {
        write: values.write === true,
        fromBib: values['from-bib'] === true,
        compactRanges: !values['no-compact'],
        removeUncited: values['remove-uncited'] === true,
        style,
      });
    }
    default:
      throw new UsageError(`Unknown command “${command}”.\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`citelens: ${message}\n`);
    if (!(error instanceof UsageError) && !(error instanceof TypeError && /parseArgs|option/i.test(message)) && process.env.CITELENS_DEBUG) {
      process.stderr.write(`${(error as Error).stack}\n`);
    }
    process.exitCode = 2;
  },
);
