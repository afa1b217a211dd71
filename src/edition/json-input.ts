import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { type Position, positionAt } from '../diagnostics.ts';
import { InputError } from '../errors.ts';

/**
 * A JSON file the user writes (`edition.json`, `reader.json`, a register): parsed strictly and
 * checked against its schema, every problem reported at its own `file:line:column` with a rule id
 * (`<rule>-json`, `-unknown-field`, `-missing-field`, `-invalid`), all of them at once — a user
 * fixing a file should not have to run the build once per typo.
 */
export class JsonText {
  private readonly tree: Node | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
    tree?: Node,
  ) {
    this.tree = tree ?? parseTree(text);
  }

  /** `file:line:column` of an offset in the text. */
  at(offset: number): string {
    return located(this.file, this.text, offset);
  }

  /** Line and column of the value at a JSON path (the nearest enclosing value that exists). */
  positionOf(path: readonly (string | number)[]): Position {
    let node: Node | undefined;
    for (let n = path.length; n >= 0 && !node; n--)
      node = this.tree && findNodeAtLocation(this.tree, path.slice(0, n) as (string | number)[]);
    // a property's key is where the reader looks: step back to it
    return positionAt(
      this.text,
      node?.parent?.type === 'property' ? node.parent.offset : (node?.offset ?? 0),
    );
  }

  /** `file:line:column` of the value at a JSON path. */
  where(path: readonly (string | number)[]): string {
    const { line, column } = this.positionOf(path);
    return `${this.file}:${line}:${column}`;
  }
}

/** `file:line:column` of an offset in a file's text. */
export function located(file: string, text: string, offset: number): string {
  const { line, column } = positionAt(text, offset);
  return `${file}:${line}:${column}`;
}

/** `documents[2].title` from a zod path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

export function parseJsonInput<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  rule: string,
): { data: T; at: JsonText } {
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
  const at = new JsonText(file, text, tree);
  let data: unknown;
  try {
    if (syntax.length > 0) throw new SyntaxError();
    data = JSON.parse(text);
  } catch (error) {
    const lines = syntax.length
      ? syntax.map(
          (e) => `${at.at(e.offset)}: error [${rule}-json] not valid JSON: ${printParseErrorCode(e.error)}`,
        )
      : [`${file}:1:1: error [${rule}-json] not valid JSON: ${(error as Error).message}`];
    throw new InputError(lines.join('\n'));
  }
  const result = schema.safeParse(data);
  if (result.success) return { data: result.data, at };
  const lines = result.error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map(
        (key) =>
          `${at.where([...path, key])}: error [${rule}-unknown-field] ${jsonPath([...path, key])}: unknown field`,
      );
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return [
      missing
        ? `${at.where(path)}: error [${rule}-missing-field] ${jsonPath(path) || '(root)'}: required field is missing`
        : `${at.where(path)}: error [${rule}-invalid] ${jsonPath(path) || '(root)'}: ${issue.message}`,
    ];
  });
  throw new InputError(lines.join('\n'));
}
