import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's headless Chromium through playwright-core, as every real-browser test here opens it: a fresh
 * profile each time, and the flags this closed network needs (no background traffic, no QUIC, no sandbox
 * in containers).
 */

/** Debian's Chromium; `.ci/run` installs it (debian-packages.txt). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface ChromiumOptions {
  readonly executablePath?: string;
  readonly width?: number;
  readonly height?: number;
  /** Named in the error when Chromium is missing, e.g. `checkReportInBrowser`. */
  readonly who?: string;
}

/** A running Chromium with a fresh profile; `close()` ends it and removes the profile. */
export interface ChromiumSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium, or throws saying how to install it. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `${options.who ?? 'launchChromium'}: no Chromium at ${executablePath}. Install Debian's chromium ` +
        '(sudo apt-get install chromium; .ci/run does this in CI) to run the real-browser tests.',
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'vectorcare-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
      timeout: 30_000,
    });
    return {
      context,
      async close() {
        try {
          await context.close();
        } finally {
          await rm(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
