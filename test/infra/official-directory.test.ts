import { describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest/index.ts';
import type { Manifest } from '../../infra/manifest/types.ts';
import { synthesize } from './synth.ts';

describe('officials’ sign-in on AWS, from context', () => {
  const { template } = synthesize({ context: { consoleUrl: 'https://console.example.org/console/', authDomainPrefix: 'moh-officials-prod' } });

  it('sends managed login back to the console address given as -c consoleUrl', () => {
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client?.['Properties']).toMatchObject({
      CallbackURLs: ['https://console.example.org/console/'],
      LogoutURLs: ['https://console.example.org/console/'],
    });
    template.hasOutput('ConsoleUrl', { Value: 'https://console.example.org/console/' });
  });

  it('names the managed login domain with -c authDomainPrefix', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'moh-officials-prod' });
  });
});

describe('a manifest whose official route skips the directory', () => {
  it('is refused at synth, naming the function', () => {
    const unchecked: Manifest = {
      ...manifest,
      functions: [
        ...manifest.functions,
        {
          name: 'unchecked-official',
          entry: 'functions/platform/official-me.ts',
          description: 'An official route declared by hand without withOfficialsDirectory.',
          triggers: [{ kind: 'http', method: 'GET', path: '/v1/unchecked', auth: 'official', operationId: 'unchecked' }],
          uses: {},
        },
      ],
    };
    expect(() => synthesize({ manifest: unchecked })).toThrow(/'unchecked-official' has an official route but does not read the 'officials' table/);
  });
});
