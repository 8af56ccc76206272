/**
 * HTML escaping for the HTML report. Everything in a report can come from the adapter (its name, version,
 * library, log) or echo what a client sent, so it is untrusted. The `markup` template below escapes every
 * interpolated value unless it is itself built by `markup`, so escaping cannot be forgotten. The tag is
 * not called `html` because Prettier reformats `html` templates, adding whitespace to the report's text.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = /[&<>"']/;

/** Escapes text for use in HTML or SVG content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape; the live dashboard escapes thousands of values a drawing.
  return SPECIAL.test(text)
    ? text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
    : text;
}

/** Markup that is already safe to place in a document: built by `markup`, or trusted by `trustedHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** A value `markup` accepts: text (escaped), numbers, safe markup, lists of these, or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (typeof value === 'string') return escapeHtml(value);
  // A number's text has nothing to escape.
  if (typeof value === 'number') return String(value);
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value as readonly HtmlValue[]) out += renderValue(item);
    return out;
  }
  return '';
}

/**
 * A template tag that escapes each interpolated value; nested `markup` results are kept as markup.
 * `true`, `false`, null and undefined render as nothing, so `${cond && markup`...`}` works.
 *
 * @example
 * markup`<td>${adapter.name}</td>` // '<td>&lt;script&gt;</td>' for the name '<script>'
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let index = 0; index < values.length; index += 1) {
    out += renderValue(values[index]) + (strings[index + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Marks a constant written in this code base (the style sheet) as markup. Never pass report data. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
