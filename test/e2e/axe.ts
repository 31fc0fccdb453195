import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.1 level A and AA, the level the public pages must meet. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page as it is now and returns what breaks WCAG 2.1 AA. */
export const findAccessibilityViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Evaluated through the DevTools protocol, not as a <script>: the pages' CSP forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    // Plain data only: axe's node objects hold DOM references that cannot cross into Node.
    return violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  }, [...WCAG_21_AA]);
};

/** One paragraph per violation, with the failing elements, for an assertion message. */
export const describeViolations = (violations: readonly AxeViolation[]): string =>
  violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `  at ${n.target.join(' ')}${n.failureSummary ? `\n    ${n.failureSummary.replaceAll('\n', '\n    ')}` : ''}`),
      ].join('\n'),
    )
    .join('\n\n');

/** Fails the test, naming `what` and each violation, if the page as it is now breaks WCAG 2.1 AA. */
export const expectAccessible = async (page: Page, what: string): Promise<void> => {
  const violations = await findAccessibilityViolations(page);
  expect(violations.length, `${what}:\n${describeViolations(violations)}`).toBe(0);
};
