import type { OfficialRole } from '../../shared/auth/principal.ts';

/**
 * `<DATA_DIR>/demo-credentials.json`: everything a person or a script needs to try every interface.
 * Its shape is an interface other scripts rely on; each feature fills in its part.
 */
export interface DemoCredentials {
  baseUrl: string;
  officials: { role: OfficialRole; region: string; officerId: string; token: string }[];
  stores: { code: string; apiKey: string }[];
  partners: { id: string; secret: string }[];
  households: { householdId: string; headResidentId: string; size: number; regionCode: string }[];
  enrollments: { caseId: string; code: string }[];
}

export const emptyDemoCredentials = (baseUrl: string): DemoCredentials => ({
  baseUrl,
  officials: [],
  stores: [],
  partners: [],
  households: [],
  enrollments: [],
});
