/**
 * `citelens renumber FILE… [--write] [--from-bib] [--no-compact] [--remove-uncited]` (product.md §6):
 * prints the unified diff that numbering works by first citation would make, and exits 1 when there is one
 * (0 when nothing needs changing); with `--write` it writes the files (atomically, in their own encoding,
 * BOM and line endings) and exits 0. `--from-bib` also rewrites each list item from its BibTeX entry.
 * Uncited items and anything left as it was are reported on stderr. A list numbered alphabetically
 * (`resolve/listOrder.ts`, `--numbering`) is not renumbered: said on stderr, exit 0.
 */
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { applyEdits } from '../service/renumber/applyEdits';
import type { EditPlan } from '../service/renumber/editPlan';
import { planReferenceList } from '../service/renumber/fromBib';
import { planRenumber } from '../service/renumber/renumber';
import { unifiedDiff } from './unifiedDiff';
import type { CitelensService } from '../service/service';
import { findMarkdownFiles } from './findManuscripts';
import { decode, decodeWindows1252 } from '../node/decode';
import { UsageError } from './usageError';

export interface RenumberCliOptions {
  write: boolean;
  fromBib: boolean;
  compactRanges: boolean;
  removeUncited: boolean;
  /** CSL style for `--from-bib`: a name or the XML of a `.csl` file. */
  style: string;
}

export async function runRenumber(service: CitelensService, paths: string[], options: RenumberCliOptions): Promise<number> {
  if (!paths.length) throw new UsageError('citelens renumber needs at least one manuscript file.');
  const { files, missing } = findMarkdownFiles(paths);
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const done = new Set<string>();
  let needed = false;
  let usable = 0;
  for (const file of files) {
    if (done.has(file)) continue;
    const analysis = await service.analyze(file);
    for (const f of analysis.files) done.add(f.uri);
    const plan: EditPlan = options.fromBib
      ? planReferenceList(analysis, { style: options.style, compactRanges: options.compactRanges, removeUncited: options.removeUncited })
      : planRenumber(analysis, { compactRanges: options.compactRanges, removeUncited: options.removeUncited });
    const name = display(file);
    if (plan.refused) {
      // A list numbered alphabetically is a manuscript left as it should be (exit 0), said whoever named it; other
      // refusals only for files named explicitly: folders hold Markdown that is no manuscript.
      const alphabetical = analysis.referenceFile >= 0 && analysis.listOrder?.numbering === 'alphabetical';
      if (alphabetical) usable++;
      if (alphabetical || paths.some((p) => resolve(p) === file)) process.stderr.write(`${name}: ${plan.refused}\n`);
      continue;
    }
    usable++;
    for (const note of plan.notes) process.stderr.write(`${name}: ${note}\n`);
    if (!plan.changed) {
      process.stderr.write(`${name}: ${plan.summary}\n`);
      continue;
    }
    needed = true;
    // Compute every file's new bytes before writing any, so a failure leaves all files as they were.
    const outputs: { path: string; bytes: Uint8Array }[] = [];
    for (const fileEdits of plan.edits) {
      const path = fileEdits.uri;
      const bytes = readFileSync(path);
      const encoding = sniffEncoding(bytes);
      const text = decode(bytes);
      const model = analysis.files.find((f) => f.uri === path);
      if (!model || model.text !== text) throw new Error(`${display(path)} changed while it was being renumbered; run the command again.`);
      const next = applyEdits(text, fileEdits.edits);
      if (options.write) outputs.push({ path, bytes: encode(next, encoding, path) });
      else process.stdout.write(unifiedDiff(text, next, { oldName: `a/${display(path)}`, newName: `b/${display(path)}` }));
    }
    for (const o of outputs) writeAtomically(o.path, o.bytes);
    process.stderr.write(`${name}: ${plan.summary}${options.write ? '' : ' (not written; use --write)'}\n`);
  }
  if (!usable) throw new UsageError('Nothing to renumber: no numeric manuscript with a reference list among the given files.');
  return needed && !options.write ? 1 : 0;
}

/** How a file's bytes were decoded by `nodeWorkspace.decode`, so they can be written back the same way. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin1';

export function sniffEncoding(bytes: Uint8Array): FileEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'latin1';
  }
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8-bom' : 'utf-8';
}

/** Byte of each character `decode` reads a file that is not UTF-8 as (Windows-1252). */
let latin1Bytes: Map<string, number> | null = null;

/** The text in `encoding` (BOM included where the file had one). Throws when a character has no byte in Latin-1. */
export function encode(text: string, encoding: FileEncoding, path = 'the file'): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'latin1': {
      if (!latin1Bytes) {
        latin1Bytes = new Map();
        const chars = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
        for (let i = 0; i < 256; i++) latin1Bytes.set(chars[i], i);
      }
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const b = latin1Bytes.get(text[i]);
        if (b === undefined) throw new Error(`${display(path)} is Latin-1 encoded and cannot hold “${text[i]}”; convert it to UTF-8 first.`);
        out[i] = b;
      }
      return out;
    }
  }
}

/** Writes through a temporary file in the same folder and a rename, so a crash never leaves half a file. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.citelens-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    chmodSync(tmp, statSync(path).mode & 0o7777);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function display(path: string): string {
  return relative(process.cwd(), path) || path;
}
