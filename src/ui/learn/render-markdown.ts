import { Marked } from 'marked';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markdown without raw HTML: an HTML block or tag in the text is shown as text, never parsed. */
const markdown = new Marked({
  async: false,
  gfm: true,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

/** A lesson's prose as HTML; raw HTML in it stays text. */
export function renderMarkdown(text: string): string {
  return markdown.parse(text, { async: false });
}
