// The small part of citation-js's untyped CommonJS API that Citelens uses (see citationJs.ts).
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(input: unknown, options: { forceType?: string; generateGraph?: boolean; target?: string; strict?: boolean }): unknown[];
    };
    output: {
      format(name: 'bibliography', data: unknown[], options: { template: string; format: 'text' | 'html'; lang?: string }): string;
    };
    config: {
      get(plugin: '@csl'): {
        styles: { add(name: string, xml: string): void; has(name: string): boolean; list(): string[] };
        locales: { has(name: string): boolean };
      };
    };
  };
  export const logger: { _log: unknown[]; level: string };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
