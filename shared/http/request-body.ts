import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteContract } from './contract.ts';
import { payloadTooLarge, unsupportedMediaType } from './problem.ts';

const DEFAULT_LIMIT = 64 * 1024;

export interface RawBody {
  readonly text: string;
  readonly mediaType: string | undefined;
}

/** The body as the client sent it (signatures are over these exact bytes), within the route's limit. */
export const readBody = (contract: RouteContract, event: APIGatewayProxyEventV2): RawBody => {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const limit = contract.bodyLimit ?? DEFAULT_LIMIT;
  if (bytes.byteLength > limit) {
    throw payloadTooLarge(`The body is ${bytes.byteLength} bytes; this route accepts at most ${limit}.`);
  }
  const mediaType = event.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contract.body && bytes.byteLength > 0) {
    const accepted = contract.bodyTypes ?? ['application/json'];
    if (!mediaType || !(accepted as readonly string[]).includes(mediaType)) {
      throw unsupportedMediaType(`Send the body as ${accepted.join(' or ')}${mediaType ? `, not ${mediaType}` : ''}.`);
    }
  }
  return { text: bytes.toString('utf8'), mediaType };
};
