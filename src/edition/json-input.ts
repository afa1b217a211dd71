import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { type Position, positionAt } from '../diagnostics.ts';
import { InputError } from '../errors.ts';
import { didYouMean } from '../text/nearest.ts';

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
  throw new InputError(issueLines(result.error.issues, () => at, rule, schema).join('\n'));
}

/** A zod schema's own definition, as far as finding the fields it allows needs it. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The fields a schema allows in the object at a JSON path (for "did you mean"). */
export function fieldsAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const out = new Set<string>();
  const visit = (s: z.ZodType, rest: readonly (string | number)[]): void => {
    const def = defOf(s);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (inner) visit(inner, rest);
    else if (def.type === 'union') for (const o of def.options ?? []) visit(o, rest);
    else if (def.type === 'array' && def.element) {
      if (rest.length && typeof rest[0] === 'number') visit(def.element, rest.slice(1));
    } else if (def.type === 'object' && def.shape) {
      if (!rest.length) for (const k of Object.keys(def.shape)) out.add(k);
      else {
        const field = def.shape[String(rest[0])];
        if (field) visit(field, rest.slice(1));
      }
    }
  };
  visit(schema, path);
  return [...out];
}

/**
 * A schema's complaints about a JSON file, one line each at its `file:line:column` (`locate` says
 * which file's text holds a path, when values come from more than one), an unknown field with the
 * nearest field the schema allows there.
 */
export function issueLines(
  issues: z.core.$ZodIssue[],
  locate: (path: (string | number)[]) => JsonText,
  rule: string,
  schema: z.ZodType,
): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map(
        (key) =>
          `${locate([...path, key]).where([...path, key])}: error [${rule}-unknown-field] ${jsonPath([...path, key])}: unknown field${didYouMean(key, fieldsAt(schema, path))}`,
      );
    const at = locate(path);
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return [
      missing
        ? `${at.where(path)}: error [${rule}-missing-field] ${jsonPath(path) || '(root)'}: required field is missing`
        : `${at.where(path)}: error [${rule}-invalid] ${jsonPath(path) || '(root)'}: ${issue.message}`,
    ];
  });
}
