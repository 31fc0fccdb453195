import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const parse = (raw: Buffer): RawResponse | undefined => {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (raw.byteLength < end + 4 + length) return undefined;
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.subarray(end + 4, end + 4 + length).toString('utf8') };
};

/**
 * One HTTP/1.1 exchange on a bare socket, for what fetch cannot send (an oversized request line or
 * header) or would hide (a reset connection). The body, if any, is written in 64 KiB pieces with
 * backpressure, as a client uploading a file would. Resolves with the first complete answer; rejects
 * when the connection ends or resets without one.
 */
export const rawExchange = (
  port: number,
  head: string,
  body?: { readonly bytes: number; readonly prefix?: string; readonly chunked?: boolean },
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      outcome();
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = parse(received);
      if (response) settle(() => resolve(response));
    });
    socket.on('error', (error) => settle(() => reject(error)));
    socket.on('close', () => settle(() => reject(new Error(`connection closed without a complete answer: ${received.toString('latin1').slice(0, 200)}`))));
    socket.on('connect', async () => {
      socket.write(head);
      if (!body) return;
      const piece = Buffer.alloc(64 * 1024, ' ');
      const prefix = Buffer.from(body.prefix ?? '');
      const write = (data: Buffer) => {
        const framed = body.chunked ? Buffer.concat([Buffer.from(`${data.byteLength.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data;
        return socket.write(framed) ? Promise.resolve() : new Promise<void>((r) => socket.once('drain', () => r()));
      };
      try {
        if (prefix.byteLength > 0) await write(prefix);
        for (let sent = prefix.byteLength; sent < body.bytes && !settled; sent += piece.byteLength) {
          await write(piece.subarray(0, Math.min(piece.byteLength, body.bytes - sent)));
        }
        if (body.chunked && !settled) socket.write('0\r\n\r\n');
      } catch {
        // A write after the server closed: the 'error'/'close' handlers report it.
      }
    });
  });
