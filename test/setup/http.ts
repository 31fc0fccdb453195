/** Small fetch wrappers for tests that talk to the local gateway as a client would. */
export const client = (baseUrl: string) => {
  const request = async (method: string, path: string, options: { body?: unknown; bearer?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // Parsed JSON is untyped by nature; the tests assert on its fields one by one.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, headers: response.headers, json: json as any, text };
  };
  return {
    get: (path: string, options?: Parameters<typeof request>[2]) => request('GET', path, options),
    post: (path: string, options?: Parameters<typeof request>[2]) => request('POST', path, options),
    put: (path: string, options?: Parameters<typeof request>[2]) => request('PUT', path, options),
  };
};
