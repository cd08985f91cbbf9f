// A small element tree over fast-xml-parser: the CIB is attributes and child elements only
// (no mixed text), so an element is a name, an attribute map and ordered children.

import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  htmlEntities: true, // numeric character references (&#233;) too
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Attribute values are data: ' a' stays ' a' (whitespace text between elements is dropped below).
  trimValues: false,
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  suppressEmptyNode: true,
  format: true,
  indentBy: '  ',
});

/** Parses a document and returns its root element. */
export function parseXml(text: string): XmlElement {
  const nodes = parser.parse(text) as OrderedNode[];
  const roots = nodes.map(fromOrdered).filter((node): node is XmlElement => node !== undefined);
  if (roots.length !== 1) throw new Error(`expected one XML root element, found ${roots.length}`);
  return roots[0]!;
}

function fromOrdered(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name.startsWith('#') || name.startsWith('?')) return undefined;
  const children = (node[name] as OrderedNode[]).map(fromOrdered).filter((child): child is XmlElement => child !== undefined);
  return { name, attributes: { ...(node[':@'] ?? {}) }, children };
}

function toOrdered(element: XmlElement): OrderedNode {
  const node: OrderedNode = { [element.name]: element.children.map(toOrdered) };
  if (Object.keys(element.attributes).length > 0) node[':@'] = { ...element.attributes };
  return node;
}

/** Serialises elements (escaping attribute values) — the only way papply writes XML. */
export function buildXml(elements: XmlElement | XmlElement[]): string {
  const list = Array.isArray(elements) ? elements : [elements];
  return String(builder.build(list.map(toOrdered))).trim() + '\n';
}

export function element(name: string, attributes: Record<string, string | undefined> = {}, children: XmlElement[] = []): XmlElement {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) defined[key] = value;
  return { name, attributes: defined, children };
}

export function cloneElement(source: XmlElement): XmlElement {
  return { name: source.name, attributes: { ...source.attributes }, children: source.children.map(cloneElement) };
}

export function childrenNamed(parent: XmlElement, ...names: string[]): XmlElement[] {
  return parent.children.filter((child) => names.includes(child.name));
}

export function firstChild(parent: XmlElement, ...names: string[]): XmlElement | undefined {
  return parent.children.find((child) => names.includes(child.name));
}

/** Follows a path of element names from `root` (first match at each step). */
export function descend(root: XmlElement, ...names: string[]): XmlElement | undefined {
  let current: XmlElement | undefined = root;
  for (const name of names) current = current && firstChild(current, name);
  return current;
}

/** The step Pacemaker's patch paths use for an element: `name[@id='x']`, or the bare name without an id. */
export function pathStep(node: XmlElement): string {
  const id = node.attributes.id;
  return id === undefined ? node.name : `${node.name}[@id='${id}']`;
}
