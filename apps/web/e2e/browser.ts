import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_REQUIRED =
  'Chromium is required for the e2e tests: apt-get install -y chromium (or set CHROMIUM_PATH)';

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** CHROMIUM_PATH, else the Debian package's /usr/bin/chromium, else `chromium` on PATH. */
export const findChromium = (): string | null => {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => dir && join(dir, 'chromium')),
  ];
  return (
    candidates.find(
      (file): file is string => typeof file === 'string' && file !== '' && isExecutable(file),
    ) ?? null
  );
};

/**
 * True when the browser tests cannot run here and should be skipped, saying so loudly. Under
 * CI=true a missing browser is never a reason to skip: the suite runs and `launchBrowser`
 * fails with the same message, so CI cannot go green without the tests.
 */
export const skipWithoutChromium = (): boolean => {
  if (findChromium() || process.env.CI === 'true') return false;
  console.warn(`\n⚠️  Skipping the browser tests. ${CHROMIUM_REQUIRED}.\n`);
  return true;
};

/** Headless Chromium from the system; a test tool's own browser download is never used. */
export const launchBrowser = async (): Promise<Browser> => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_REQUIRED);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
};
