// Splits an ERB template into text and Ruby code exactly as Ruby's ERB does with trim_mode '-'
// (the mode Puppet uses): `<%-` drops the spaces and tabs before it when nothing else precedes it
// on its line, `-%>` drops the line break after it, `<%%` is a literal `<%` and `%%>` inside a tag
// a literal `%>`. The result is the program grammar/erb.peggy parses: text chunks become
// placeholders, `<%= %>` code is wrapped in output markers, and line breaks stay where the
// template has them, so parser lines are template lines.

const TEXT_MARK = '\u0000';
const OUTPUT_OPEN = '\u0001';
const OUTPUT_CLOSE = '\u0002';
const TAG_SEPARATOR = '\u0003';

export interface ErbProgram {
  /** Ruby source with placeholders, for grammar/erb.peggy. */
  source: string;
  /** The literal text chunks the placeholders refer to. */
  texts: string[];
}

// Ruby's ExplicitScanner patterns: start tags (a line-leading `<%-` with its indentation first),
// and end tags.
const START_TAG = /^[ \t]*<%-|<%-|<%%|<%=|<%#|<%/gm;
const END_TAG = /-%>|%%>|%>/g;

/** Compiles ERB into a program for the Ruby-subset parser. */
export function compileErb(template: string): ErbProgram {
  const texts: string[] = [];
  const parts: string[] = [];
  let content = '';
  let pos = 0;

  const flushText = (): void => {
    if (content === '') return;
    texts.push(content);
    parts.push(`${TEXT_MARK}${texts.length - 1}${TEXT_MARK}${'\n'.repeat(countNewlines(content))}`);
    content = '';
  };

  while (pos < template.length) {
    START_TAG.lastIndex = pos;
    const start = START_TAG.exec(template);
    if (!start) {
      content += template.slice(pos);
      break;
    }
    content += template.slice(pos, start.index);
    pos = start.index + start[0].length;
    const tag = start[0].endsWith('<%-') ? '<%' : start[0];
    if (tag === '<%%') {
      content += '<%';
      continue;
    }
    flushText();

    // Inside a tag: collect code up to the end tag (`%%>` is a literal `%>`).
    let code = '';
    let trimNewline = false;
    let closed = false;
    while (pos < template.length) {
      END_TAG.lastIndex = pos;
      const end = END_TAG.exec(template);
      if (!end) {
        code += template.slice(pos);
        pos = template.length;
        break;
      }
      code += template.slice(pos, end.index);
      pos = end.index + end[0].length;
      if (end[0] === '%%>') {
        code += '%>';
        continue;
      }
      closed = true;
      if (end[0] === '-%>') {
        const newline = /^\r?\n/.exec(template.slice(pos, pos + 2));
        if (newline) {
          pos += newline[0].length;
          trimNewline = true;
        }
      }
      break;
    }
    if (!closed) {
      // Ruby's ERB prints the code of a tag that is never closed as text.
      content += code;
      break;
    }
    if (tag === '<%=') parts.push(`${OUTPUT_OPEN}${code}${OUTPUT_CLOSE}`);
    else if (tag === '<%#') parts.push('\n'.repeat(countNewlines(code)));
    else parts.push(code);
    if (trimNewline) parts.push('\n');
  }
  flushText();
  return { source: parts.join(TAG_SEPARATOR), texts };
}

function countNewlines(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '\n') count++;
  return count;
}
