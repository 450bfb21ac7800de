import { createScanner, visit, type ParseError, type SyntaxKind } from 'jsonc-parser';

// SyntaxKind is an ambient const enum, which isolated modules cannot read: its values, checked.
const OPEN_BRACE = 1 satisfies SyntaxKind.OpenBraceToken;
const CLOSE_BRACE = 2 satisfies SyntaxKind.CloseBraceToken;
const OPEN_BRACKET = 3 satisfies SyntaxKind.OpenBracketToken;
const CLOSE_BRACKET = 4 satisfies SyntaxKind.CloseBracketToken;
const EOF = 17 satisfies SyntaxKind.EOF;

/**
 * Parses JSON or HuJSON into plain data whose objects have no prototype, so a `"__proto__"` key
 * is an own field like any other (as it is for Aperture) instead of replacing the prototype and
 * lending its fields to the object around it.
 */
export function parseHujson(source: string, errors: ParseError[]): unknown {
  const root: unknown[] = [];
  let parent: Record<string, unknown> | unknown[] = root;
  let property: string | undefined;
  const parents: Array<{ parent: Record<string, unknown> | unknown[]; property?: string }> = [];
  const add = (value: unknown) => {
    if (Array.isArray(parent)) parent.push(value);
    else if (property !== undefined) parent[property] = value;
  };
  const open = (container: Record<string, unknown> | unknown[]) => {
    add(container);
    parents.push({ parent, property });
    parent = container;
    property = undefined;
  };
  const close = () => {
    const previous = parents.pop();
    if (previous) ({ parent, property } = previous);
  };
  visit(
    source,
    {
      onObjectBegin: () => open(Object.create(null) as Record<string, unknown>),
      onObjectProperty: (name) => {
        property = name;
      },
      onObjectEnd: close,
      onArrayBegin: () => open([]),
      onArrayEnd: close,
      onLiteralValue: add,
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return root[0];
}

/**
 * The offset of the first `{` or `[` that opens level `maxDepth + 1`, or undefined when the
 * document stays within `maxDepth`. The scan keeps no stack, so it is safe on input that would
 * overflow a recursive parser (jsonc-parser's included).
 */
export function excessNestingOffset(source: string, maxDepth: number): number | undefined {
  const scanner = createScanner(source, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > maxDepth) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Whether the text holds nothing but whitespace and comments. */
export function isEmptyDocument(source: string): boolean {
  return createScanner(source, true).scan() === EOF;
}
