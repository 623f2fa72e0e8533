// Build-time minification of the element's Lit templates and styles: html`` and css`` literals
// ship as written, indentation and line breaks included (≈ 280 B gzip of the script tag's
// budget). Only the literals' static text changes; the code and the `${…}` expressions around
// and inside them are copied as they are.
//  - html``: every run of whitespace becomes one space. HTML renders a run as one space anyway
//    (the templates hold no <pre>, and the one <textarea> is empty), so nothing a member sees moves.
//    A static attribute value of letters, digits, `_` and `-` loses its quotes (`part="button"` →
//    `part=button`), which HTML allows; only before a space or `>`, never before `/>` (it would
//    join the value) or where a binding follows.
//  - css``: runs of whitespace become one space, and the spaces next to `{ } ; , > /`, after `:`
//    and before `!important` go, which CSS never reads (the styles hold no strings or comments;
//    `/` needs no spaces, in calc() or a shorthand, unlike calc()'s `+` and `-`).

const collapse = {
  html: (text) => text.replace(/\s+/g, ' ').replace(/( [\w-]+)="([\w-]+)"(?=[ >])/g, '$1=$2'),
  css: (text) =>
    text
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>/]) ?/g, '$1')
      .replace(/ !important/g, '!important')
      .replace(/: /g, ':')
      .replace(/;}/g, '}'),
};

/**
 * `code` with the static parts of its html`` and css`` literals minified. A small scanner, not a
 * parser: it follows template literals, `${…}` nesting, quotes and comments inside expressions,
 * which is all these sources use.
 */
export function minifyLiterals(code) {
  let i = 0;
  let out = '';

  /** Reads a template literal's body from `i` (just after its backtick) to its closing backtick. */
  const template = (kind) => {
    let text = '';
    const flush = () => {
      out += kind ? collapse[kind](text) : text;
      text = '';
    };
    while (i < code.length) {
      const c = code[i];
      if (c === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        flush();
        out += '`';
        i++;
        return;
      } else if (c === '$' && code[i + 1] === '{') {
        flush();
        out += '${';
        i += 2;
        expression();
      } else {
        text += c;
        i++;
      }
    }
    flush();
  };

  /** Copies code up to the `}` closing an expression (or the end), minifying templates in it. */
  const expression = () => {
    let depth = 0;
    while (i < code.length) {
      const c = code[i];
      if (c === '}' && depth === 0) {
        out += '}';
        i++;
        return;
      }
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (c === '`') {
        const tag = /\b(html|css)\s*$/.exec(out.slice(-8));
        out += '`';
        i++;
        template(tag ? tag[1] : null);
      } else if (c === '"' || c === "'") {
        const end = stringEnd(i);
        out += code.slice(i, end);
        i = end;
      } else if (c === '/' && code[i + 1] === '/') {
        const end = code.indexOf('\n', i);
        const stop = end < 0 ? code.length : end;
        out += code.slice(i, stop);
        i = stop;
      } else if (c === '/' && code[i + 1] === '*') {
        const end = code.indexOf('*/', i + 2);
        const stop = end < 0 ? code.length : end + 2;
        out += code.slice(i, stop);
        i = stop;
      } else {
        out += c;
        i++;
      }
    }
  };

  const stringEnd = (start) => {
    const quote = code[start];
    let j = start + 1;
    while (j < code.length && code[j] !== quote && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
    return j + 1;
  };

  // The whole file is one expression that never closes: a stray top-level `}` just passes through.
  while (i < code.length) {
    expression();
  }
  return out;
}

/** The Vite plugin: minifies the literals of the element's TypeScript sources. */
export const minifyLiteralsPlugin = (include = /packages\/signup\/src\/.*\.ts$/) => ({
  name: 'memberkit:minify-literals',
  enforce: 'pre',
  transform(code, id) {
    return include.test(id) && /\b(?:html|css)`/.test(code) ? { code: minifyLiterals(code), map: null } : null;
  },
});

/**
 * `code` with every licence comment after the first of the same text blanked: each of Lit's
 * modules carries its own copy (ten copies of three notices in the script tag). One copy of each
 * notice stays. The blanked text keeps its line breaks, and its last line its width, so every
 * line and column after it (and the source map) stays where it was.
 */
export function dedupeLegalComments(code) {
  const seen = new Set();
  return code.replace(/\/\*(?:(?!\*\/)[\s\S])*?@license[\s\S]*?\*\//g, (comment) => {
    if (!seen.has(comment)) {
      seen.add(comment);
      return comment;
    }
    const lines = comment.split('\n');
    return lines.map((line, n) => (n === lines.length - 1 ? ' '.repeat(line.length) : '')).join('\n');
  });
}

/** The Vite plugin: dedupes the licence comments of each emitted chunk. */
export const dedupeLegalCommentsPlugin = () => ({
  name: 'memberkit:dedupe-legal-comments',
  renderChunk(code) {
    const deduped = dedupeLegalComments(code);
    return deduped === code ? null : { code: deduped, map: null };
  },
});
