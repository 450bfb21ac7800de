import { visit, type ParseError } from 'jsonc-parser';

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
