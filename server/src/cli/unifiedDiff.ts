/**
 * A line-based unified diff (`diff -u` format) of two texts, for `citelens renumber` to show what it would change
 * (only the CLI prints diffs, so this lives in its host). The `diff` package finds the shortest edit script
 * (Myers' algorithm); this module prints it as hunks.
 */
import { diffArrays } from 'diff';

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
  /** Names in the `---` / `+++` header. */
  oldName: string;
  newName: string;
}

/**
 * The unified diff of `a` → `b`, or '' when they are equal. Lines keep their `\r` (shown as is) so a CRLF file
 * diffs like any other; a last line without a newline is marked `\ No newline at end of file`.
 *
 * @example
 * unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', { oldName: 'x', newName: 'y' })
 * // → '--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n'
 */
export function unifiedDiff(a: string, b: string, options: UnifiedDiffOptions): string {
  if (a === b) return '';
  const context = options.context ?? 3;
  const x = splitLines(a);
  const y = splitLines(b);
  const ops = diffLines(x, y);
  // Group operations into hunks with `context` lines around changes.
  const out: string[] = [`--- ${options.oldName}`, `+++ ${options.newName}`];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i].kind === ' ') i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - context);
    while (start > 0 && ops[start - 1].kind !== ' ') start--;
    let end = i;
    // Extend while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap].kind === ' ') gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const oldStart = hunk[0].a;
    const newStart = hunk[0].b;
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) {
      const line = op.kind === '+' ? y[op.b] : x[op.a];
      out.push(op.kind + line.text);
      if (!line.eol) out.push('\\ No newline at end of file');
    }
    i = end;
  }
  return out.join('\n') + '\n';
}

interface Line {
  text: string;
  eol: boolean;
}

interface Op {
  kind: ' ' | '-' | '+';
  /** Index in the old lines (for ' ' and '-'; for '+', the old index it is inserted before). */
  a: number;
  /** Index in the new lines (for ' ' and '+'; for '-', the new index it is removed before). */
  b: number;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const lines = parts.map((t) => ({ text: t, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

function range(start: number, count: number): string {
  // Unified diff: 1-based start; an empty range names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** The shortest edit script over lines (compared with their end-of-line flag), one operation per line. */
function diffLines(x: Line[], y: Line[]): Op[] {
  const token = (line: Line): string => (line.eol ? `${line.text}\n` : line.text);
  const ops: Op[] = [];
  let a = 0;
  let b = 0;
  for (const change of diffArrays(x.map(token), y.map(token))) {
    for (let n = change.count; n > 0; n--) {
      if (change.added) ops.push({ kind: '+', a, b: b++ });
      else if (change.removed) ops.push({ kind: '-', a: a++, b });
      else ops.push({ kind: ' ', a: a++, b: b++ });
    }
  }
  return ops;
}
