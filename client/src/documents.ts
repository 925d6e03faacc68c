/**
 * Which documents the Citelens server sees. Manuscripts (Markdown, Quarto, R Markdown) are what it checks;
 * bibliographies and taxonomies are included so the server can publish their own diagnostics
 * (`bib-syntax`, `duplicate-bib-key`, `taxonomy-syntax`) and react to unsaved edits in them.
 */
/** A filter both VS Code (`languages.match`) and the language client accept. */
export interface CitelensDocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

const schemes = ['file', 'untitled'];

/** Patterns, not only language ids: `.bib`, `.qmd` and `.Rmd` have no built-in language in VS Code. */
export const documentSelector: CitelensDocumentFilter[] = [
  ...schemes.map((scheme) => ({ scheme, language: 'markdown' })),
  { scheme: 'file', language: 'quarto' },
  { scheme: 'file', pattern: '**/*.qmd' },
  { scheme: 'file', pattern: '**/*.{Rmd,rmd}' },
  { scheme: 'file', language: 'bibtex' },
  { scheme: 'file', pattern: '**/*.{bib,bibtex}' },
  { scheme: 'file', pattern: '**/taxonomy.{yaml,yml,json}' },
];

/** Files whose changes on disk the server hears about (`workspace/didChangeWatchedFiles`). */
export const watchedFilesGlob = '**/*.{bib,bibtex,json,yaml,yml,md,qmd,Rmd}';
