import { Validations, type PolicyViolation } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { nagPacks } from '../../infra/aws/nag-packs.ts';
import type { Synthesized } from './synth.ts';

export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every `Validations.of(…).acknowledge(…)` in the app, read back from the construct metadata. */
export const acknowledgements = ({ app }: Synthesized): Acknowledgement[] =>
  app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          // CDK records ids without a known prefix as annotation ids; cdk-nag strips the prefix too.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

const describeViolation = (violation: PolicyViolation) =>
  `${violation.severity ?? ''} ${violation.ruleName}: ${violation.description} at ${violation.violatingResources
    .map((resource) => resource.constructPath ?? resource.resourceLogicalId)
    .join(', ')}`;

/** cdk-nag (AwsSolutions and Serverless) finds nothing that is not acknowledged with a reason. */
export const describeNag = (synthesized: Synthesized): void => {
  describe('cdk-nag', () => {
    test.each(nagPacks(synthesized.app).map((pack) => [pack.readPackName, pack] as const))(
      '%s: no unacknowledged errors or warnings',
      (_name, pack) => {
        const report = pack.validateScope(synthesized.app);
        expect(report.violations.map(describeViolation)).toEqual([]);
      },
    );

    test('the synth’s validation report has no violations (rule packs, annotations, CloudFormation checks)', () => {
      const report = JSON.parse(readFileSync(join(synthesized.assemblyDirectory, 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
      };
      const violations = report.pluginReports.flatMap((plugin) =>
        plugin.violations.map((v) => `${plugin.pluginName} ${v.severity} ${v.ruleName}`),
      );
      expect(violations).toEqual([]);
    });

    test('every acknowledgement names a rule and gives a reason', () => {
      const all = acknowledgements(synthesized);
      expect(all.length).toBeGreaterThan(0);
      for (const { path, id, reason } of all) {
        expect(id, path).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/);
        expect(reason.trim().length, `${path} ${id}`).toBeGreaterThan(20);
      }
    });
  });
};
