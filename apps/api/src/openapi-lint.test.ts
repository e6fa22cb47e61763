import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';

const REDOCLY = join(import.meta.dirname, '../../../node_modules/.bin/redocly');

type Problem = {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
};

/**
 * Warnings we accept, each for a reason. Liveness and the two documentation operations take no
 * input and need no token, so no client error can happen there; and the project has not chosen
 * a license yet, so the document does not name one.
 */
const ACCEPTED_WARNINGS = [
  'operation-4xx-response #/paths/~1api~1health/get/responses',
  'operation-4xx-response #/paths/~1api~1docs/get/responses',
  'operation-4xx-response #/paths/~1api~1openapi.json/get/responses',
  'info-license #/info',
];

/** The served document, linted once with Redocly's recommended rules (the CLI takes ~2 s). */
const lintServedDocument = async () => {
  const t = await createTestApp({ store: 'memory' });
  const document = await (await t.app.request('/api/openapi.json')).text();
  t.close();
  const dir = mkdtempSync(join(tmpdir(), 'sellout-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, document);
    const { stdout } = await promisify(execFile)(
      REDOCLY,
      ['lint', file, '--extends', 'recommended', '--format', 'json'],
      {
        cwd: dir,
        // No usage report and no update check: tests stay on this machine.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return (JSON.parse(stdout) as { problems: Problem[] }).problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('the OpenAPI document under `redocly lint` (recommended rules)', () => {
  it('has no errors, and no warnings but the accepted ones', { timeout: 30_000 }, async () => {
    const problems = await lintServedDocument();
    const described = problems.map(
      (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`,
    );
    expect(described.filter((p) => p.startsWith('error'))).toEqual([]);
    const warnings = problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
    expect(warnings.sort()).toEqual([...ACCEPTED_WARNINGS].sort());
  });
});
