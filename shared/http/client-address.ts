/**
 * The address a request came from, for per-client limits. Behind CloudFront (and API Gateway) the
 * connection is the edge's, shared by thousands of people; CloudFront appends the viewer's address to
 * `X-Forwarded-For`, so the last entry is the one an edge saw, whatever a client put before it. A
 * client that calls the API's own address directly can forge it, which is why limits per code stand too.
 */
export const clientAddress = (headers: Readonly<Record<string, string | undefined>>, sourceIp: string): string => {
  const forwarded = headers['x-forwarded-for']?.split(',').map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? sourceIp;
};
