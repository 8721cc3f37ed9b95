/**
 * The MD5 digests SQS returns (MD5OfMessageBody, MD5OfMessageAttributes); the AWS SDK checks them on every
 * send, so the emulation computes them exactly as SQS does.
 */
import { createHash } from 'node:crypto';

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  /** Base64 in the JSON protocol. */
  BinaryValue?: string;
}

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * SQS's documented algorithm: for each attribute in name order, the length-prefixed name and data type, one
 * transport byte (1 string/number, 2 binary), then the length-prefixed value; MD5 over the concatenation.
 */
export function md5OfMessageAttributes(
  attributes: Record<string, MessageAttributeValue>,
): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const value = attributes[name]!;
    parts.push(
      lengthPrefixed(Buffer.from(name, 'utf8')),
      lengthPrefixed(Buffer.from(value.DataType, 'utf8')),
    );
    if (value.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(value.BinaryValue, 'base64')));
    } else {
      parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8')));
    }
  }
  return md5Hex(Buffer.concat(parts));
}
