import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { badRequest, HttpProblem, payloadTooLarge, problemResponse } from '../../shared/http/problem.ts';

/**
 * API Gateway HTTP API's quotas (developer guide, "Quotas for configuring and running an HTTP API"):
 * a 10 MB payload, and 10,240 bytes for the request line and the header values together. The local
 * gateway refuses at the same sizes, so a client that works locally is not refused on AWS.
 */
export const GATEWAY_LIMITS = {
  bodyBytes: 10 * 1024 * 1024,
  requestLineAndHeaderBytes: 10_240,
} as const;

/**
 * Node's own parser limit, above the gateway's: requests between the two reach `checkRequestSize`, which
 * can tell a long URL (414) from large headers (431); only beyond this does Node's `clientError` answer.
 */
export const NODE_MAX_HEADER_SIZE = 64 * 1024;

const uriTooLong = (detail: string): HttpProblem => new HttpProblem({ type: 'uri-too-long', title: 'The URL is too long', status: 414, detail });
const headersTooLarge = (detail: string): HttpProblem =>
  new HttpProblem({ type: 'headers-too-large', title: 'The request headers are too large', status: 431, detail });

const LIMIT_TEXT = `${GATEWAY_LIMITS.requestLineAndHeaderBytes} bytes for the request line and header values together, as on API Gateway`;

/** API Gateway counts the request line and the header values (not the names) against one quota. */
export const checkRequestSize = (request: IncomingMessage): void => {
  const requestLine = Buffer.byteLength(`${request.method ?? ''} ${request.url ?? ''} HTTP/${request.httpVersion}`);
  if (requestLine > GATEWAY_LIMITS.requestLineAndHeaderBytes) {
    throw uriTooLong(`The request line is ${requestLine} bytes; the limit is ${LIMIT_TEXT}. Send long input in a body.`);
  }
  let total = requestLine;
  for (let i = 1; i < request.rawHeaders.length; i += 2) total += Buffer.byteLength(request.rawHeaders[i] ?? '');
  if (total > GATEWAY_LIMITS.requestLineAndHeaderBytes) {
    throw headersTooLarge(`The request line and header values are ${total} bytes; the limit is ${LIMIT_TEXT}.`);
  }
};

/** Whether the body the client announced (`content-length`) is over the limit, before reading any of it. */
export const isOverBodyLimit = (request: IncomingMessage, limit = GATEWAY_LIMITS.bodyBytes): boolean =>
  Number(request.headers['content-length'] ?? 0) > limit;

/**
 * Reads a body up to the gateway's limit. Over it, the request is refused with 413 without buffering
 * more: a declared `content-length` is refused before a byte is read, a chunked body as soon as it
 * crosses the limit. The rest is left to Node, which reads and discards it after the answer, so the
 * client receives the 413 instead of a reset connection.
 */
export const readRequestBody = (request: IncomingMessage, limit = GATEWAY_LIMITS.bodyBytes): Promise<Buffer> => {
  const tooLarge = () => payloadTooLarge(`The body is over ${limit / 1024 / 1024} MiB, the gateway's limit. Nothing was changed.`);
  if (isOverBodyLimit(request, limit)) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      request.off('data', onData);
      // Flowing without a listener: what is still coming is discarded, never held.
      request.resume();
      reject(tooLarge());
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
};

/** A problem written straight to a socket, for requests Node's parser gave up on. */
const rawProblemResponse = (problem: HttpProblem): string => {
  const { statusCode, headers, body } = problemResponse(problem.problem, problem.headers);
  const lines = [`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? ''}`];
  for (const [name, value] of Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' })) {
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
};

/**
 * Whether Node choked on the request line rather than on a header. Node hands over only the packet it
 * was parsing (`rawPacket`), so this reads the shape of that packet: it starts with the method and has
 * no line end within the limit, or its first line ends with ` HTTP/1.x` (the end of a long request line).
 */
const isInRequestLine = (raw: Buffer | undefined): boolean => {
  if (!raw) return false;
  const end = raw.indexOf('\r\n');
  const startsWithMethod = /^[A-Z]+ \S/.test(raw.subarray(0, 16).toString('latin1'));
  if (startsWithMethod) return end === -1 || end > GATEWAY_LIMITS.requestLineAndHeaderBytes;
  return end !== -1 && / HTTP\/\d\.\d$/.test(raw.subarray(Math.max(0, end - 9), end).toString('latin1'));
};

const problemFor = (error: NodeJS.ErrnoException & { rawPacket?: Buffer }): HttpProblem => {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return isInRequestLine(error.rawPacket)
      ? uriTooLong(`The request line is over ${NODE_MAX_HEADER_SIZE} bytes; the limit is ${LIMIT_TEXT}.`)
      : headersTooLarge(`The headers are over ${NODE_MAX_HEADER_SIZE} bytes; the limit is ${LIMIT_TEXT}.`);
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new HttpProblem({ type: 'request-timeout', title: 'The request took too long to arrive', status: 408, detail: 'The request was not received in time.' });
  }
  return badRequest('The request is not valid HTTP/1.1.');
};

/**
 * Node's `clientError`: the parser gave up (oversized head, malformed request, timeout). Instead of
 * Node's bare status line, the client gets problem+json. The socket keeps being read (and discarded) so
 * that closing it does not reset the connection before the client has read the answer.
 */
export const answerClientError = (error: Error, socket: Duplex): void => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(problemFor(error)));
  socket.resume();
  setTimeout(() => socket.destroy(), 5_000).unref();
};
