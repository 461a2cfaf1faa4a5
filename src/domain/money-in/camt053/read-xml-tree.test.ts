import { describe, expect, it } from 'vitest';
import { readXmlTree } from './read-xml-tree.ts';

describe('readXmlTree', () => {
  it('reads elements by local name, attributes in either quotes, entities, CDATA and the line of each tag', () => {
    const tree = readXmlTree('<?xml version="1.0"?>\n<ns:Doc xmlns:ns="urn:x">\n  <ns:A Ccy=\'EUR\' b="1 &lt; 2">x &#65;&#x42; <![CDATA[<raw>]]></ns:A>\n  <B/><!-- note -->\n</ns:Doc>');
    if (!tree.ok) throw new Error(tree.message);
    expect(tree.value.name).toBe('Doc');
    const [a, b] = tree.value.children;
    expect(a).toMatchObject({ name: 'A', text: 'x AB <raw>', line: 3 });
    expect(Object.fromEntries(a?.attributes ?? [])).toEqual({ Ccy: 'EUR', b: '1 < 2' });
    expect(b).toMatchObject({ name: 'B', children: [], text: '', line: 4 });
  });

  it.each([
    ['<A><B></A>', /end tag <\/A> does not close <B>/],
    ['<A>', /<A> of line 1 is not closed/],
    ['<A/><B/>', /a second root element/],
    ['text<A/>', /text outside the root element/],
    ['<A>&bogus;</A>', /unknown entity/],
    ['<A x=1/>', /malformed attributes/],
    ['<!DOCTYPE A><A/>', /DOCTYPE/],
    ['', /no root element/],
    ['<A><!-- open</A>', /comment not closed/],
  ])('refuses %s', (xml, message) => {
    const tree = readXmlTree(xml);
    expect(tree.ok).toBe(false);
    if (!tree.ok) expect(tree.message).toMatch(message);
  });
});
