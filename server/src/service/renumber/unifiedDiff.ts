/**
 * A line-based unified diff (`diff -u` format) of two texts, for `citelens renumber` to show what it would change.
 * Hand-written (Myers' O(ND) algorithm) because no diff library is installed and the project adds none for this.
 */

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

/** Myers' shortest edit script over lines (compared with their end-of-line flag). */
function diffLines(x: Line[], y: Line[]): Op[] {
  const eq = (i: number, j: number): boolean => x[i].text === y[j].text && x[i].eol === y[j].eol;
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let px: number;
      if (k === -d || (k !== d && next[offset + k - 1] < next[offset + k + 1])) px = next[offset + k + 1];
      else px = next[offset + k - 1] + 1;
      let py = px - k;
      while (px < n && py < m && eq(px, py)) {
        px++;
        py++;
      }
      next[offset + k] = px;
      if (px >= n && py >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  // Walk back through the trace.
  const ops: Op[] = [];
  let px = n;
  let py = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const tv = trace[d];
    const k = px - py;
    let prevK: number;
    if (k === -d || (k !== d && tv[offset + k - 1] < tv[offset + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : tv[offset + prevK];
    const prevY = prevX - prevK;
    while (px > prevX && py > prevY) {
      px--;
      py--;
      ops.push({ kind: ' ', a: px, b: py });
    }
    if (d > 0) {
      if (px === prevX) ops.push({ kind: '+', a: px, b: --py });
      else ops.push({ kind: '-', a: --px, b: py });
    }
  }
  return ops.reverse();
}
