import type { CommandIo } from '../../mock-server/cli/serve-command.js';

/** `vectorcare-auth-mock certify`: not built yet (issue 5). */
export async function runCertify(_args: readonly string[], io: CommandIo): Promise<number> {
  io.err('vectorcare-auth-mock certify: the contract kit is not built yet.');
  return 2;
}
