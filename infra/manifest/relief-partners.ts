import type { FunctionSpec } from './types.ts';

/**
 * Card companies as partners: national admins add them and rotate their Standard Webhooks secrets.
 * One function for the three routes (CloudFormation's 500 resources); the secrets live in the
 * `partner-keys` secret, which this is the only function to write.
 */
export const reliefPartnersFunctions: readonly FunctionSpec[] = [
  {
    name: 'relief-partners',
    entry: 'functions/relief/partners.ts',
    description: 'National admins add card companies, rotate their webhook secrets (two valid during a grace) and list them.',
    triggers: [
      { kind: 'http', method: 'POST', path: '/v1/admin/partners', auth: 'official', operationId: 'addPartner' },
      // `<partnerId>:rotate-secret` is one path segment, parsed by the contract.
      { kind: 'http', method: 'POST', path: '/v1/admin/partners/{partnerAction}', auth: 'official', operationId: 'rotatePartnerSecret' },
      { kind: 'http', method: 'GET', path: '/v1/admin/partners', auth: 'official', operationId: 'listPartners' },
    ],
    uses: { tables: { 'relief-partners': 'read-write', audit: 'read-write' }, secrets: ['partner-keys'], writesSecrets: ['partner-keys'] },
  },
];
