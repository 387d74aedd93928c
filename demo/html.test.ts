import { describe, expect, it } from 'vitest';
import { escapeHtml, html, scriptString } from './html';

describe('html', () => {
  it('escapes interpolated text and attribute values', () => {
    const value = `"><script>alert('x')</script>&`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
    expect(escapeHtml('a < b')).toBe('a &lt; b');
  });

  it('nests html without escaping it twice, renders lists, and drops false, null and undefined', () => {
    const items = ['<a>', 'b&c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${false}${null}${undefined}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul>0');
  });
});

describe('scriptString', () => {
  it('writes a string literal that cannot close the script element', () => {
    const literal = scriptString('</script><script>alert(1)</script>\u2028&').value;
    expect(literal).not.toContain('<');
    expect(literal).not.toContain('\u2028');
    expect(JSON.parse(literal)).toBe('</script><script>alert(1)</script>\u2028&');
  });
});
