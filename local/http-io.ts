/** Reading request bodies under a size limit and writing HttpResponses with node:http. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpResponse } from './proxy-result';

/** Beyond this much discarded input the connection is cut instead of drained. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * The whole body, or `too-large` once it exceeds `limit`. An oversized body is drained (up to a point) rather
 * than cut off, so the client gets to read the 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        resolve('too-large');
      }
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function writeResponse(res: ServerResponse, response: HttpResponse, head = false): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    // Framing is the server's business, whatever the handler said.
    if (lower === 'content-length' || lower === 'transfer-encoding' || lower === 'connection') continue;
    headers[name] = values.length === 1 ? values[0] : values;
  }
  headers['Content-Length'] = String(response.body.length);
  res.writeHead(response.statusCode, headers);
  res.end(head ? undefined : response.body);
}

/** The client's address without the IPv4-mapped-IPv6 prefix. */
export function sourceIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}
