/** What a workbook part's XML is read into: called for each element and each piece of text. */
export interface XmlHandler {
  /** An element opens (`empty`: written `<a/>`); its name without a namespace prefix. Return `false` to stop reading. */
  open(name: string, attributes: Record<string, string>, empty: boolean): void | boolean;
  /** Text inside an element, entities decoded; may come in several pieces. */
  text?(text: string): void;
  /** An element closes (also after an empty one). */
  close?(name: string): void;
}

/** Why a part's XML cannot be read, with the offset where it stopped. */
export class XmlError extends Error {}

/** A part with more elements than the reader was allowed to read. */
export class XmlTooManyElements extends Error {}

/**
 * Deepest nesting read: a workbook part nests some six elements (a rich-text run in a cell);
 * far past that is no workbook, and a stack of names must not grow with the file.
 */
const MAX_DEPTH = 256;

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/**
 * Reads XML from start to end, calling `handler` as it goes: elements, attributes and text with
 * the five entities and character references decoded, comments and processing instructions
 * skipped, CDATA as text. A document type declaration is refused (its entities could expand
 * without bound), as are tags that do not match, and more than `maxElements` elements. One
 * pass, no backtracking: time linear in the text, memory bounded by the nesting.
 */
export function scanXml(xml: string, handler: XmlHandler, maxElements = Infinity): void {
  const stack: string[] = [];
  let elements = 0;
  const n = xml.length;
  let i = 0;
  const fail = (what: string, at: number): never => {
    throw new XmlError(`${what} at offset ${at}`);
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i && stack.length > 0 && handler.text) handler.text(decodeText(xml.slice(i, end), i));
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) fail('an unclosed comment', lt);
        i = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0) fail('an unclosed CDATA section', lt);
        if (stack.length > 0 && handler.text) handler.text(xml.slice(lt + 9, close));
        i = close + 3;
      } else {
        fail('a document type declaration', lt);
      }
    } else if (next === 63 /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) fail('an unclosed processing instruction', lt);
      i = close + 2;
    } else if (next === 47 /* / */) {
      const close = xml.indexOf('>', lt + 2);
      if (close < 0) fail('an unclosed end tag', lt);
      const name = xml.slice(lt + 2, close).trimEnd();
      if (stack.pop() !== name) fail(`an end tag </${name}> that closes nothing open`, lt);
      handler.close?.(localName(name));
      i = close + 1;
    } else {
      let j = lt + 1;
      while (j < n && !isNameEnd(xml.charCodeAt(j))) j++;
      const name = xml.slice(lt + 1, j);
      if (name === '') fail('a tag without a name', lt);
      if (++elements > maxElements) throw new XmlTooManyElements(`more than ${maxElements} elements`);
      // Most elements have no attributes: they share one empty record rather than each make one.
      let attributes = NO_ATTRIBUTES;
      let empty = false;
      for (;;) {
        while (j < n && isSpace(xml.charCodeAt(j))) j++;
        if (j >= n) fail(`an unclosed tag <${name}`, lt);
        const c = xml.charCodeAt(j);
        if (c === 62 /* > */) {
          j++;
          break;
        }
        if (c === 47 /* / */ && xml.charCodeAt(j + 1) === 62) {
          empty = true;
          j += 2;
          break;
        }
        const eq = xml.indexOf('=', j);
        if (eq < 0) fail(`an attribute without a value in <${name}`, j);
        const attribute = xml.slice(j, eq).trimEnd();
        if (attribute === '' || /[\s<>/"']/.test(attribute)) fail(`a malformed attribute in <${name}`, j);
        let q = eq + 1;
        while (q < n && isSpace(xml.charCodeAt(q))) q++;
        const quote = xml[q];
        if (quote !== '"' && quote !== "'") fail(`an unquoted attribute in <${name}`, q);
        const close = xml.indexOf(quote!, q + 1);
        if (close < 0) fail(`an unclosed attribute in <${name}`, q);
        // Attribute values are normalised as XML says: each white-space character is a space.
        if (attributes === NO_ATTRIBUTES) attributes = {};
        attributes[localName(attribute)] = decodeText(xml.slice(q + 1, close), q + 1).replace(/[\t\n]/g, ' ');
        j = close + 1;
      }
      if (!empty) {
        if (stack.length >= MAX_DEPTH) fail(`elements nested past ${MAX_DEPTH} deep`, lt);
        stack.push(name);
      }
      if (handler.open(localName(name), attributes, empty) === false) return;
      if (empty) handler.close?.(localName(name));
      i = j;
    }
  }
  if (stack.length > 0) fail(`an unclosed element <${stack[stack.length - 1]}>`, n);
}

/** The name without its namespace prefix (`x:c` is `c`): some programs write every element prefixed. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNameEnd(c: number): boolean {
  return isSpace(c) || c === 62 /* > */ || c === 47 /* / */;
}

/** Text with its line ends normalised (`\r\n` and `\r` are `\n`, as XML says) and its references decoded. */
function decodeText(raw: string, at: number): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`an unterminated reference near offset ${at}`);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      const digits = ref[1] === 'x' ? /^#x[0-9a-fA-F]+$/ : /^#[0-9]+$/;
      if (!digits.test(ref) || !(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlError(`a bad character reference &${ref}; near offset ${at}`);
      }
      return String.fromCodePoint(code);
    }
    const entity = ENTITIES.get(ref);
    if (entity === undefined) throw new XmlError(`an unknown entity &${ref}; near offset ${at}`);
    return entity;
  });
}
