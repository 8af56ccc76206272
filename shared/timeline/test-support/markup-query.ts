/**
 * Just enough HTML/SVG reading for the report's unit tests, with no DOM library: find start tags by
 * name and class and read their attributes. It relies on what the renderer guarantees (attribute values
 * are escaped, so a raw `>` never appears inside a tag); the real-browser test checks the rest.
 */

export interface FoundElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Where the start tag begins in the markup. */
  readonly index: number;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function unescape(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Start tags named `tag` (any tag for `*`), optionally only those with `className` among their classes. */
export function findElements(markup: string, tag: string, className?: string): FoundElement[] {
  const pattern = new RegExp(`<(${tag === '*' ? '[a-zA-Z][\\w-]*' : tag})(\\s[^>]*)?>`, 'g');
  const found: FoundElement[] = [];
  for (const match of markup.matchAll(pattern)) {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      attributes[attribute[1] ?? ''] = unescape(attribute[2] ?? '');
    }
    const classes = (attributes['class'] ?? '').split(/\s+/);
    if (className !== undefined && !classes.includes(className)) continue;
    found.push({ tag: match[1] ?? '', attributes, index: match.index });
  }
  return found;
}

/** The markup from the start tag with `data-rule="<rule>"` of element `tag` to its closing tag. */
export function elementForRule(markup: string, tag: string, rule: string): string {
  const start = findElements(markup, tag).find((element) => element.attributes['data-rule'] === rule);
  if (start === undefined) throw new Error(`no <${tag} data-rule="${rule}">`);
  const end = markup.indexOf(`</${tag}>`, start.index);
  return markup.slice(start.index, end + tag.length + 3);
}

/** A numeric attribute, failing loudly when it is missing. */
export function numberAttribute(element: FoundElement, name: string): number {
  const value = element.attributes[name];
  if (value === undefined) throw new Error(`<${element.tag}> has no ${name}`);
  return Number(value);
}
