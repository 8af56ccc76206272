#!/usr/bin/env node
import { runServe } from '../mock-server/cli/serve-command.js';
import type { Command, CommandIo } from '../shared/command-io.js';
import { ConfigError } from '../shared/config-error.js';
import { PACKAGE_INFO } from '../shared/package-info.js';

const USAGE = `Usage: vectorcare-auth-mock <command> [options]

Commands:
  serve     start the mock token endpoint, hub and control API (default options: see serve --help)
  certify   run a client against the mock and certify its token handling (see certify --help)

  --version print the version
`;

/**
 * The commands, each loaded when asked for: `certify` (the contract kit) is imported only when run, so
 * `serve` starts without loading the kit.
 */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => runServe,
  certify: async () => (await import('../contract-tests/cli/certify-command.js')).runCertify,
};

/** Runs the CLI with `argv` (without node and script) and resolves to the process exit code. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out(PACKAGE_INFO.version);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    io.err(`vectorcare-auth-mock: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`vectorcare-auth-mock: ${error.message}`);
      return 2;
    }
    io.err(`vectorcare-auth-mock: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Settles when the CLI is done; tests that import this module can await it. */
export const done: Promise<number> = main(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  isTTY: process.stdout.isTTY === true,
  write: (text) => process.stdout.write(text),
}).then((code) => {
  process.exitCode = code;
  return code;
});
