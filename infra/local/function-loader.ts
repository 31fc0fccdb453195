import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec, Manifest } from '../manifest/types.ts';
import { lambdaContext } from './lambda-context.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Imports each handler module on first use, as a Lambda container would on a cold start; the
 * environment must be set before, because modules read their configuration at import.
 */
export class FunctionLoader {
  readonly #handlers = new Map<string, Promise<Handler>>();

  constructor(private readonly manifest: Manifest) {}

  spec(name: string): FunctionSpec {
    const fn = this.manifest.functions.find((f) => f.name === name);
    if (!fn) throw new Error(`No function '${name}' in the manifest`);
    return fn;
  }

  async invoke(name: string, event: unknown): Promise<unknown> {
    const fn = this.spec(name);
    let handler = this.#handlers.get(name);
    if (!handler) {
      handler = import(pathToFileURL(resolve(ROOT, fn.entry)).href).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
        return module.handler;
      });
      this.#handlers.set(name, handler);
    }
    return (await handler)(event, lambdaContext(fn));
  }
}
