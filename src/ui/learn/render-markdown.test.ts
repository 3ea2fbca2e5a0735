import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis and code', () => {
    const html = renderMarkdown('# Title\n\n- **one** and `step.do()`\n\n```python\nx = 1\n```');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<li><strong>one</strong> and <code>step.do()</code></li>');
    expect(html).toContain('<pre><code class="language-python">x = 1');
  });

  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> here');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
