import { randomBytes } from 'node:crypto';

/**
 * A case's id: 128 random bits, URL-safe, derived from nothing about the person, so that knowing one id
 * tells nothing about another (2020's app had ids one could count through).
 */
export const CASE_ID_PATTERN = /^c_[A-Za-z0-9_-]{22}$/;

export const newCaseId = (): string => `c_${randomBytes(16).toString('base64url')}`;

export const isCaseId = (value: string): boolean => CASE_ID_PATTERN.test(value);
