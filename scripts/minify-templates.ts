/**
 * Folds the white space of Lit's html`` and css`` templates, which esbuild
 * and terser keep verbatim because they are strings. Only the literal parts
 * change: the ${…} expressions inside (nested templates included) are
 * scanned, not rewritten, so the code around them stays exactly as written.
 */

/** White space in markup: runs become one space, and none is kept between tags. */
function foldHtml(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/>\s+</g, '><');
}

/** CSS without comments, with no space where the grammar does not need it. */
function foldCss(text: string): string {
  return text
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>/])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/([\s:(,/])0\.(\d)/g, '$1.$2')
    .replace(/;}/g, '}');
}

/**
 * Reads the template literal that starts at `source[start]` (a backtick) and
 * returns its end (after the closing backtick), with its literal parts folded
 * by `fold` (or kept, for an untagged template).
 */
function readTemplate(source: string, start: number, fold: ((text: string) => string) | undefined, out: string[]): number {
  let i = start + 1;
  let literal = '';
  let first = true;
  const flush = (last: boolean) => {
    let text = fold ? fold(literal) : literal;
    // The template's outer white space never matters: it is before the first tag or after the last.
    if (fold && first) text = text.trimStart();
    if (fold && last) text = text.trimEnd();
    out.push(text);
    literal = '';
    first = false;
  };
  out.push('`');
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      literal += source.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      flush(true);
      out.push('`');
      return i + 1;
    } else if (c === '$' && source[i + 1] === '{') {
      flush(false);
      out.push('${');
      i = readExpression(source, i + 2, out);
    } else {
      literal += c;
      i += 1;
    }
  }
  throw new Error(`unterminated template literal at offset ${start}`);
}

/** Copies a ${…} expression up to its closing brace, folding the tagged templates nested in it. */
function readExpression(source: string, start: number, out: string[]): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '`') {
      i = readTemplate(source, i, foldFor(source, i), out);
      continue;
    }
    if (c === "'" || c === '"') {
      const end = quotedEnd(source, i);
      out.push(source.slice(i, end));
      i = end;
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}' && --depth === 0) {
      out.push('}');
      return i + 1;
    }
    out.push(c);
    i += 1;
  }
  throw new Error(`unterminated \${ at offset ${start}`);
}

/** The end (after the closing quote) of the '…' or "…" string that starts at `source[start]`, escapes skipped. */
function quotedEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === source[start]) return i + 1;
  }
  throw new Error(`unterminated string at offset ${start}`);
}

/** How the template at `backtick` is folded, from its tag. */
function foldFor(source: string, backtick: number): ((text: string) => string) | undefined {
  const before = source.slice(Math.max(0, backtick - 16), backtick);
  // A css`` tag, or a template marked /* css */ (as editors' CSS highlighting expects).
  const tag = /\/\* css \*\/\s*$/.test(before) ? 'css' : /(?:^|[^\w$.])(html|css)\s*$/.exec(before)?.[1];
  return tag === 'html' ? foldHtml : tag === 'css' ? foldCss : undefined;
}

/** The source with every html`` and css`` template folded; everything else byte for byte. */
export function minifyTemplates(source: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '`') {
      i = readTemplate(source, i, foldFor(source, i), out);
    } else if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out.push(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && source[i + 1] === '*') {
      const stop = source.indexOf('*/', i) + 2;
      out.push(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"') {
      const end = quotedEnd(source, i);
      out.push(source.slice(i, end));
      i = end;
    } else {
      out.push(c);
      i += 1;
    }
  }
  return out.join('');
}
