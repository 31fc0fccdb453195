import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLocalSecrets } from '../../../infra/local/local-secrets.ts';

describe('the local secrets file', () => {
  it('gets a 256-bit personal-data key once, and keeps it across starts', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    const first = await ensureLocalSecrets(path);
    expect(Buffer.from(first['personal-data-key'], 'base64')).toHaveLength(32);
    expect((await ensureLocalSecrets(path))['personal-data-key']).toBe(first['personal-data-key']);
  });

  it('adds the key to a data directory made before it existed, keeping the pepper every hash was made with', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    const made = await ensureLocalSecrets(path);
    const { 'personal-data-key': _dropped, signingKey: _key, ...older } = made;
    writeFileSync(path, JSON.stringify(older));
    const upgraded = await ensureLocalSecrets(path);
    expect(upgraded['id-pepper']).toBe(made['id-pepper']);
    expect(upgraded['official-signing-key']).toBe(made['official-signing-key']);
    expect(Buffer.from(upgraded['personal-data-key'], 'base64')).toHaveLength(32);
    expect(JSON.parse(readFileSync(path, 'utf8'))['personal-data-key']).toBe(upgraded['personal-data-key']);
  });
});
