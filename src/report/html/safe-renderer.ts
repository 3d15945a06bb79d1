import type { RendererObject, Tokens } from "marked" with { "resolution-mode": "import" };
import { escapeHtml, HTML_ENTITIES } from "../../lib/text/escape";
import type { HeadingIds, TocEntry } from "./table-of-contents";

/** What the renderer needs from its caller, and what it tells back. */
export interface SafeRendererContext {
  /** The `src` to put in the page for an image the markdown references. */
  readonly imageSrc: (href: string) => string;
  readonly ids: HeadingIds;
  /** Every heading rendered, in order: the table of contents is built from it. */
  readonly headings: TocEntry[];
}

/**
 * Renderer overrides that make data in the markdown harmless whatever it holds. The report is
 * built from data (app versions, countries, plans quoting user ids) and some code path may forget
 * to escape a value, so the HTML never trusts the markdown:
 * - raw HTML (a block or an inline tag) is shown as text, never passed through;
 * - a link is a link only to http(s), a relative path or an #anchor; `javascript:`, `data:` and
 *   other schemes show as their text;
 * - images are replaced by what `imageSrc` gives (the file inlined as a data: URI).
 * Everything else is marked's own rendering, which escapes text.
 */
export function safeRenderer(context: SafeRendererContext): RendererObject {
  return {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeText(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return text;
      // Every `&` escaped: the browser must read the very target that was checked, not decode
      // references in it into another one.
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ""}>${text}</a>`;
    },
    image(token: Tokens.Image): string {
      const alt = escapeText(this.parser.parseInline(token.tokens, this.parser.textRenderer));
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<img src="${escapeHtml(context.imageSrc(token.href))}" alt="${alt}"${title}>`;
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      const text = this.parser.parseInline(tokens, this.parser.textRenderer);
      const id = context.ids.idFor(text);
      context.headings.push({ depth, id, html: escapeText(text) });
      return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
  };
}

/**
 * Whether a link target is one the report may link to: http(s), a path relative to the report
 * (which cannot name a scheme: no `:` before its first `/`, `?` or `#`) or an anchor on the page.
 * Protocol-relative `//host` is refused, like any other way of naming a scheme implicitly, and so
 * is a target written with character references (`&#106;avascript:`, `&colon;`): marked leaves
 * them undecoded, and a link that means something else than it reads is no link to keep.
 */
export function isSafeHref(href: string): boolean {
  // Browsers ignore whitespace and control characters in a scheme (`java\tscript:`).
  const target = href.replace(/[\s\p{Cc}]/gu, "");
  if (/&#?\w+;/.test(target)) return false;
  if (/^https?:\/\//i.test(target)) return true;
  if (target.startsWith("//")) return false;
  return !/^[^/?#]*:/.test(target);
}

/**
 * Text escaped for HTML content or a quoted attribute. Marked leaves entities the markdown wrote
 * (`&amp;`) as they are in plain text, so an `&` that starts one is kept and the entity shows
 * as its character, not as `&amp;amp;`.
 */
export function escapeText(text: string): string {
  return text.replace(/&(?!#?\w+;)|[<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

