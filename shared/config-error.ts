/** A configuration problem, named by its source (a file, a flag, an environment variable) and field. */
export class ConfigError extends Error {
  readonly source: string;
  readonly field: string;

  constructor(source: string, field: string, problem: string) {
    super(`${source}: ${field}: ${problem}`);
    this.name = 'ConfigError';
    this.source = source;
    this.field = field;
  }
}
