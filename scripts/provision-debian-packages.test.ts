import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(repoRoot, 'scripts/provision-debian-packages.sh');
const BASH = '/bin/bash';

// Stand-ins for the three commands the script runs, put first (or alone) on its PATH. They share one state
// file, the installed packages one per line, so a package the fake apt-get installs is then installed for
// the fake dpkg-query too. Bash builtins only: the PATH may hold nothing else.
const FAKE_DPKG_QUERY = `#!${BASH}
installed=" "
while IFS= read -r line; do installed+="$line "; done < "$FAKE_STATE/installed"
rc=0
for arg in "$@"; do
  [[ $arg == -* ]] && continue
  if [[ $installed == *" $arg "* ]]; then echo "$arg install ok installed"
  elif [[ " $FAKE_HALF_INSTALLED " == *" $arg "* ]]; then echo "$arg deinstall ok config-files"
  else echo "dpkg-query: no packages found matching $arg" >&2; rc=1; fi
done
exit $rc
`;
const FAKE_ID = `#!${BASH}
[[ $1 == -u ]] && echo "$FAKE_UID"
`;
const FAKE_APT_GET = `#!${BASH}
echo "$*" >> "$FAKE_STATE/apt-calls"
if [[ -n $FAKE_APT_FAILS ]]; then echo "E: Unable to locate package $FAKE_APT_FAILS" >&2; exit 100; fi
installing=""
for arg in "$@"; do
  if [[ $arg == install ]]; then installing=1
  elif [[ -n $installing && $arg != -* && " $FAKE_APT_FORGETS " != *" $arg "* ]]; then
    echo "$arg" >> "$FAKE_STATE/installed"
  fi
done
echo "Setting up the packages"
`;

const LIST = `# a comment line

alpha
beta   # why beta
  gamma
`;

interface Machine {
  readonly installed?: readonly string[];
  readonly halfInstalled?: readonly string[];
  readonly uid?: number;
  readonly commands?: readonly ('dpkg-query' | 'id' | 'apt-get')[];
  readonly aptFails?: string;
  readonly aptForgets?: string;
}

interface Outcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly aptCalls: readonly string[];
}

describe('scripts/provision-debian-packages.sh', () => {
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'provision-test-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** Runs the real script on `list` on a machine made of stand-ins, as `machine` describes it. */
  async function provision(machine: Machine, list = LIST): Promise<Outcome> {
    const bin = join(work, 'bin');
    const state = join(work, 'state');
    await mkdir(bin);
    await mkdir(state);
    const listFile = join(work, 'packages.txt');
    await writeFile(listFile, list);
    await writeFile(join(state, 'installed'), (machine.installed ?? []).map((p) => `${p}\n`).join(''));
    await writeFile(join(state, 'apt-calls'), '');
    const standIns = { 'dpkg-query': FAKE_DPKG_QUERY, id: FAKE_ID, 'apt-get': FAKE_APT_GET };
    for (const command of machine.commands ?? ['dpkg-query', 'id', 'apt-get'])
      await writeFile(join(bin, command), standIns[command], { mode: 0o755 });
    const env = {
      PATH: bin,
      FAKE_STATE: state,
      FAKE_UID: String(machine.uid ?? 0),
      FAKE_HALF_INSTALLED: (machine.halfInstalled ?? []).join(' '),
      FAKE_APT_FAILS: machine.aptFails ?? '',
      FAKE_APT_FORGETS: machine.aptForgets ?? '',
    };
    const { exitCode, stdout, stderr } = await new Promise<{
      exitCode: number;
      stdout: string;
      stderr: string;
    }>((done) => {
      execFile(BASH, [SCRIPT, listFile], { env, timeout: 15_000 }, (error, out, err) =>
        done({ exitCode: error === null ? 0 : Number(error.code ?? -1), stdout: out, stderr: err }),
      );
    });
    const calls = await readFile(join(state, 'apt-calls'), 'utf8');
    return { exitCode, stdout, stderr, aptCalls: calls.split('\n').filter(Boolean) };
  }

  it('does nothing but say so when every listed package is installed', async () => {
    const outcome = await provision({ installed: ['alpha', 'beta', 'gamma'], uid: 1000 });
    expect(outcome).toMatchObject({ exitCode: 0, stderr: '', aptCalls: [] });
    expect(outcome.stdout).toMatch(/^provision: all 3 Debian packages in \S+ are installed\n$/);
  });

  it('as root, installs only the missing ones and says in one line what it installs', async () => {
    const outcome = await provision({ installed: ['beta'], halfInstalled: ['gamma'] });
    expect(outcome).toMatchObject({ exitCode: 0, stderr: '' });
    expect(outcome.stdout).toMatch(/^provision: apt-get install alpha gamma \(missing from \S+\)\n$/);
    expect(outcome.aptCalls).toEqual(['update -q', '-q install -y --no-install-recommends alpha gamma']);
  });

  it('not root: fails at once with the exact command to run, and runs no apt-get', async () => {
    const outcome = await provision({ installed: ['alpha'], uid: 1000 });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.aptCalls).toEqual([]);
    expect(outcome.stderr).toContain('missing Debian packages beta gamma');
    expect(outcome.stderr).toContain(
      '\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends beta gamma\n',
    );
  });

  it('no apt-get and no dpkg: fails at once naming every package and the command', async () => {
    const outcome = await provision({ commands: ['id'] });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('missing Debian packages alpha beta gamma');
    expect(outcome.stderr).toContain(
      'run: apt-get update && apt-get install -y --no-install-recommends alpha beta gamma\n',
    );
  });

  it("fails with apt-get's own output when apt-get fails", async () => {
    const outcome = await provision({ installed: ['alpha', 'beta'], aptFails: 'gamma' });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toContain('E: Unable to locate package gamma');
    expect(outcome.stderr).toContain('provision: apt-get failed');
  });

  it('fails when apt-get exits 0 but a package is still not installed', async () => {
    const outcome = await provision({ installed: ['alpha'], aptForgets: 'gamma' });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toContain('dpkg still lacks gamma');
  });

  it('fails, rather than passing, on a list with no package', async () => {
    const outcome = await provision({}, '# nothing yet\n\n');
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toContain('lists no package');
  });

  it('reads the repository list: every line a package name, none twice', async () => {
    const outcome = await provision(
      { installed: [], commands: ['id'] },
      await readFile(join(repoRoot, 'debian-packages.txt'), 'utf8'),
    );
    const named = /missing Debian packages (.*), and/.exec(outcome.stderr)?.[1]?.split(' ') ?? [];
    expect(named).toContain('chromium');
    expect(named.filter((name) => !/^[a-z0-9][a-z0-9+.-]+$/.test(name))).toEqual([]);
    expect(new Set(named).size).toBe(named.length);
  });

  it('runs before the tests in npm test and npm run test:certification', async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const script of ['test', 'test:certification'])
      expect(manifest.scripts[script]).toMatch(/^bash scripts\/provision-debian-packages\.sh && /);
  });
});
