/**
 * A tiny XML writer for the EC2 Query protocol. Values are data, never markup: every text
 * node is escaped and every element name is checked, so nothing from a request can inject
 * tags into a response.
 */

/** A value to render: objects become child elements, arrays become `<item>` children (EC2 sets). */
export type XmlValue = string | number | boolean | undefined | null | XmlValue[] | { [name: string]: XmlValue };

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${JSON.stringify(name)}`);
  return name;
}

function renderChildren(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => element('item', v)).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => element(k, v))
      .join('');
  }
  return escapeXml(String(value));
}

/** `<name>…</name>` for any XmlValue (undefined/null members are omitted by the caller). */
export function element(name: string, value: XmlValue): string {
  const tag = checkName(name);
  return `<${tag}>${renderChildren(value)}</${tag}>`;
}

/** A successful EC2 response document: `<ActionResponse xmlns=…><requestId>…</requestId>…`. */
export function ec2ResponseXml(action: string, requestId: string, body: Record<string, XmlValue>): string {
  const root = checkName(`${action}Response`);
  const inner = renderChildren({ requestId, ...body });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${escapeXml(EC2_XMLNS)}">${inner}</${root}>`;
}

/** An EC2 error document, the shape the SDK turns into an EC2ServiceException named `code`. */
export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  const errors = element('Errors', { Error: { Code: code, Message: message } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response>${errors}${element('RequestID', requestId)}</Response>`;
}
