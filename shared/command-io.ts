/**
 * What a command of the CLI (`serve`, `certify`) is given to talk to the world: the environment and the
 * terminal. The entry point fills it from the process; tests pass their own.
 */
export interface CommandIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** True when `out` is a terminal: commands may then draw progress in place. */
  readonly isTTY?: boolean;
  /** Writes to the terminal without a newline (progress drawn in place); only used when `isTTY`. */
  readonly write?: (text: string) => void;
}

/** A command of the CLI: runs with its arguments (after the command name) and resolves to the exit code. */
export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;
