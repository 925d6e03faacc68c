/**
 * Where a JSON text stops being JSON. Taxonomy JSON is read through the `yaml` package (for
 * offsets), and YAML accepts what JSON does not: trailing commas, comments, single quotes, bare
 * words. `JSON.parse` says that something is wrong but not always where (V8 often reports only a
 * snippet), so a small recursive-descent check finds the offset.
 */

/** The first JSON syntax error in `text`, or null when `text` is valid JSON. */
export function strictJsonError(text: string): { offset: number; message: string } | null {
  try {
    JSON.parse(text);
    return null;
  } catch {
    // fall through to locate the error
  }
  let i = 0;
  const n = text.length;
  class JsonError {
    constructor(
      readonly offset: number,
      readonly message: string,
    ) {}
  }
  const fail = (message: string): never => {
    throw new JsonError(Math.min(i, Math.max(0, n - 1)), message);
  };
  const space = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = (): string => (i >= n ? 'the end of the file' : `“${text[i]}”`);
  const string = (): void => {
    i++; // opening quote
    while (i < n && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('A string must not contain a line break or control character');
      if (text[i] === '\\') {
        i++;
        if (i < n && text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('Invalid \\u escape');
          i += 4;
        } else if (i >= n || !'"\\/bfnrt'.includes(text[i])) fail('Invalid escape in a string');
      }
      i++;
    }
    if (i >= n) fail('Unterminated string');
    i++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > 500) fail('Nested too deeply');
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        space();
        if (c === '{') {
          if (text[i] !== '"') fail(text[i] === '}' ? 'Trailing comma before “}”' : `Expected a double-quoted property name, found ${describe()}`);
          string();
          space();
          if (text[i] !== ':') fail(`Expected “:” after a property name, found ${describe()}`);
          i++;
        } else if (text[i] === ']') {
          fail('Trailing comma before “]”');
        }
        value(depth + 1);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(`Expected “,” or “${close}”, found ${describe()}`);
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    fail(c === "'" ? 'JSON strings need double quotes' : c === '/' || c === '#' ? 'JSON has no comments' : `Unexpected ${describe()}`);
  };
  try {
    value(0);
    space();
    if (i < n) fail(`Unexpected ${describe()} after the JSON value`);
  } catch (error) {
    if (error instanceof JsonError) return { offset: error.offset, message: error.message };
  }
  return { offset: 0, message: 'Not valid JSON' };
}
