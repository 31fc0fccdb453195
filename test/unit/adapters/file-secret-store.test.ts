import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../shared/adapters/file-secret-store.ts';

const secretsFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-secrets-'));
  const path = join(dir, 'secrets.json');
  writeFileSync(path, JSON.stringify({ 'id-pepper': 'pepper', 'partner-keys': '{}' }), { mode: 0o600 });
  return { dir, path };
};

describe('the local secrets file as a store', () => {
  it('replaces one secret, keeps every other, stays readable by its owner only and leaves no temporary file', async () => {
    const { dir, path } = secretsFile();
    const store = new FileSecretStore(path);
    await store.put('partner-keys', '{"nh":["whsec_a"]}');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ 'id-pepper': 'pepper', 'partner-keys': '{"nh":["whsec_a"]}' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    expect(await store.get('partner-keys')).toBe('{"nh":["whsec_a"]}');
  });

  it('is seen by another reader of the same file at its next read', async () => {
    const { path } = secretsFile();
    const reader = new FileSecretStore(path);
    expect(await reader.get('partner-keys')).toBe('{}');
    await new FileSecretStore(path).put('partner-keys', '{"bc":["whsec_b"]}');
    expect(await reader.get('partner-keys')).toBe('{"bc":["whsec_b"]}');
    expect(reader.staleSeconds).toBe(0);
  });
});
