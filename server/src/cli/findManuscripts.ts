/**
 * Which files `citelens check PATH…` analyses: Markdown files given directly, or found under given folders
 * (skipping hidden folders and node_modules). A file listed as a chapter of another manuscript is checked
 * as part of that manuscript, not on its own.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MARKDOWN = /\.(md|markdown|qmd|rmd)$/i;

export function findMarkdownFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 8) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p, depth + 1);
      else if (MARKDOWN.test(name) && !/^(readme|changelog|license|contributing)\.md$/i.test(name)) files.push(p);
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(raw);
      continue;
    }
    if (st.isDirectory()) walk(p, 0);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}
