import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for plan text (实施方案): what the web editor produces (paragraphs, headings,
 * emphasis, lists, quotes, links) plus tables pasted from Word. No scripts, styles, classes,
 * images or event handlers; links only to web, mail and phone addresses, opened in a new tab.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'del',
    'sub',
    'sup',
    'code',
    'pre',
    'blockquote',
    'hr',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
  allowedSchemesAppliedToAttributes: ['href'],
};

/** Plan HTML safe to store and to render as-is. */
export function sanitizePlanHtml(html: string): string {
  // Editors leave empty paragraphs at the end (Tiptap's trailing node); they carry nothing.
  return sanitizeHtml(html, OPTIONS)
    .trim()
    .replace(/(?:<p>(?:\s|&nbsp;|<br\s*\/?>)*<\/p>\s*)+$/, '');
}
