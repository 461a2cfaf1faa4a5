// A small, strict XML reader for bank statement files: elements, attributes, text, CDATA, comments,
// processing instructions and the predefined and numeric character references. Namespace prefixes are
// dropped (camt.053 is read by local names). DOCTYPE is refused: bank files never need one, and refusing
// it rules out entity expansion attacks. Written here rather than added as a dependency because camt.053
// needs only this much and the errors can then name the line.
import { fail, ok, type Result } from '../../shared/result.ts';

export type XmlElement = {
  /** Local name, without a namespace prefix. */
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities resolved, untrimmed. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
};

const namePattern = /^[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?$/;
const predefinedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const localName = (qualified: string): string => {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
};

function decodeEntities(raw: string, line: number): Result<string, 'malformed_xml'> {
  if (!raw.includes('&')) return ok(raw);
  let out = '';
  let index = 0;
  while (index < raw.length) {
    const amp = raw.indexOf('&', index);
    if (amp === -1) {
      out += raw.slice(index);
      break;
    }
    out += raw.slice(index, amp);
    const semi = raw.indexOf(';', amp);
    if (semi === -1) return fail('malformed_xml', `line ${line}: "&" without ";"`);
    const entity = raw.slice(amp + 1, semi);
    const predefined = predefinedEntities[entity];
    if (predefined !== undefined) out += predefined;
    else if (/^#x[0-9A-Fa-f]+$/.test(entity)) out += String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    else if (/^#\d+$/.test(entity)) out += String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    else return fail('malformed_xml', `line ${line}: unknown entity "&${entity};"`);
    index = semi + 1;
  }
  return ok(out);
}

/**
 * Reads an XML document into a tree of elements.
 *
 * @example
 * const tree = readXmlTree('<Document><A x="1">t</A></Document>');
 * if (tree.ok) tree.value.children[0]?.text; // 't'
 */
export function readXmlTree(xml: string): Result<XmlElement, 'malformed_xml'> {
  const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  let position = 0;
  let line = 1;
  const advanceTo = (next: number) => {
    for (let index = position; index < next; index++) if (text.charCodeAt(index) === 10) line++;
    position = next;
  };
  const stack: Array<{ element: XmlElement; qualifiedName: string }> = [];
  let root: XmlElement | null = null;

  while (position < text.length) {
    const lt = text.indexOf('<', position);
    const chunkEnd = lt === -1 ? text.length : lt;
    if (chunkEnd > position) {
      const raw = text.slice(position, chunkEnd);
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (raw.trim() !== '') return fail('malformed_xml', `line ${line}: text outside the root element`);
      } else {
        const decoded = decodeEntities(raw, line);
        if (!decoded.ok) return decoded;
        top.element.text += decoded.value;
      }
      advanceTo(chunkEnd);
    }
    if (lt === -1) break;
    if (text.startsWith('<!--', position)) {
      const end = text.indexOf('-->', position + 4);
      if (end === -1) return fail('malformed_xml', `line ${line}: comment not closed`);
      advanceTo(end + 3);
    } else if (text.startsWith('<![CDATA[', position)) {
      const end = text.indexOf(']]>', position + 9);
      if (end === -1) return fail('malformed_xml', `line ${line}: CDATA section not closed`);
      const top = stack[stack.length - 1];
      if (top === undefined) return fail('malformed_xml', `line ${line}: CDATA outside the root element`);
      top.element.text += text.slice(position + 9, end);
      advanceTo(end + 3);
    } else if (text.startsWith('<?', position)) {
      const end = text.indexOf('?>', position + 2);
      if (end === -1) return fail('malformed_xml', `line ${line}: processing instruction not closed`);
      advanceTo(end + 2);
    } else if (text.startsWith('<!', position)) {
      return fail('malformed_xml', `line ${line}: DOCTYPE and other declarations are not allowed`);
    } else if (text.startsWith('</', position)) {
      const end = text.indexOf('>', position);
      if (end === -1) return fail('malformed_xml', `line ${line}: end tag not closed`);
      const qualifiedName = text.slice(position + 2, end).trim();
      const top = stack.pop();
      if (top === undefined) return fail('malformed_xml', `line ${line}: end tag </${qualifiedName}> without a start tag`);
      if (top.qualifiedName !== qualifiedName) {
        return fail('malformed_xml', `line ${line}: end tag </${qualifiedName}> does not close <${top.qualifiedName}> of line ${top.element.line}`);
      }
      advanceTo(end + 1);
    } else {
      // A start tag: find its end outside quoted attribute values.
      let end = position + 1;
      let quote = '';
      for (; end < text.length; end++) {
        const character = text[end];
        if (quote !== '') {
          if (character === quote) quote = '';
        } else if (character === '"' || character === "'") quote = character;
        else if (character === '>') break;
        else if (character === '<') return fail('malformed_xml', `line ${line}: "<" inside a tag`);
      }
      if (end >= text.length) return fail('malformed_xml', `line ${line}: tag not closed`);
      const selfClosing = text[end - 1] === '/';
      const inner = text.slice(position + 1, selfClosing ? end - 1 : end);
      const nameMatch = /^[^\s/>]+/.exec(inner);
      const qualifiedName = nameMatch?.[0] ?? '';
      if (!namePattern.test(qualifiedName)) return fail('malformed_xml', `line ${line}: "${qualifiedName}" is not an element name`);
      const attributes = new Map<string, string>();
      const attributeText = inner.slice(qualifiedName.length);
      const attributePattern = /\s+([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
      let attributeIndex = 0;
      while (attributeIndex < attributeText.length) {
        if (attributeText.slice(attributeIndex).trim() === '') break;
        attributePattern.lastIndex = attributeIndex;
        const match = attributePattern.exec(attributeText);
        if (match === null) return fail('malformed_xml', `line ${line}: malformed attributes in <${qualifiedName}>`);
        const value = decodeEntities(match[2] ?? match[3] ?? '', line);
        if (!value.ok) return value;
        attributes.set(localName(match[1] ?? ''), value.value);
        attributeIndex = attributePattern.lastIndex;
      }
      const element: XmlElement = { name: localName(qualifiedName), attributes, children: [], text: '', line };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.element.children.push(element);
      else if (root !== null) return fail('malformed_xml', `line ${line}: a second root element <${qualifiedName}>`);
      else root = element;
      if (!selfClosing) stack.push({ element, qualifiedName });
      advanceTo(end + 1);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) return fail('malformed_xml', `line ${line}: <${unclosed.qualifiedName}> of line ${unclosed.element.line} is not closed`);
  if (root === null) return fail('malformed_xml', 'the document has no root element');
  return ok(root);
}
