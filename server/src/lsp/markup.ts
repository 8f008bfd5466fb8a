// User and framework text inside the markdown the server sends (hover,
// completion documentation): shown as text, never read as markup. A title or
// claim holding `[x](command:…)`, `![](https://…)`, `<img>` or a bare URL must
// not become a link, an image or HTML in the editor.

/** The characters that start links, images, HTML, entities, emphasis, code, table cells and autolinks. */
const SPECIAL = /[\\`*_[\]()<>!|~&:#]/g;
const BREAK = /\r\n?|[\n\u2028\u2029]/g;

/** `www.` starts a bare link in GFM; escaping its dot (as `:` in `https://`) keeps it text. */
const WWW = /(www)\./gi;

/** Text as literal markdown inline content: every special character escaped, line breaks as spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(BREAK, ' ').replace(SPECIAL, '\\$&').replace(WWW, '$1\\.');
}
