import { describe, expect, it } from 'vitest';
import { escapeHtml, markup, SafeHtml, trustedHtml } from './html-escape.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes an ampersand once, so existing entities stay visible as text', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('markup', () => {
  it('escapes interpolated text but keeps nested html as markup', () => {
    const name = '<script>alert(1)</script>';
    const inner = markup`<b>${name}</b>`;
    expect(markup`<td>${inner}</td>`.value).toBe('<td><b>&lt;script&gt;alert(1)&lt;/script&gt;</b></td>');
  });

  it('joins lists and renders nothing for null, undefined and booleans', () => {
    const list = ['<1>', markup`<li>2</li>`, null, undefined, false, true];
    expect(markup`<ul>${list}</ul>`.value).toBe('<ul>&lt;1&gt;<li>2</li></ul>');
  });

  it('writes numbers as text', () => {
    expect(markup`<rect x="${12.5}" y="${0}"></rect>`.value).toBe('<rect x="12.5" y="0"></rect>');
  });

  it('escapes a quote inside an attribute value so it cannot open a new attribute', () => {
    expect(markup`<tr data-rule="${'x" onmouseover="alert(1)'}"></tr>`.value).toBe(
      '<tr data-rule="x&quot; onmouseover=&quot;alert(1)"></tr>',
    );
  });

  it('passes trusted constants through unchanged', () => {
    const css = trustedHtml('a > b { color: red; }');
    expect(css).toBeInstanceOf(SafeHtml);
    expect(markup`<style>${css}</style>`.toString()).toBe('<style>a > b { color: red; }</style>');
  });
});
