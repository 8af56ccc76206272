import { BENCH_USAGE, parseBenchOptions } from './bench-options.js';
import { reportTable } from './report-table.js';
import { runBench } from './run-bench.js';

/** `npm run bench -- [options]`: runs the benchmark, prints the table, writes the JSON. */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === null) {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  const result = await runBench(options);
  const m = result.machine;
  process.stdout.write(
    `${m.nproc} × ${m.cpuModel}, Node ${m.node}, load average ${m.loadAverage.map((l) => l.toFixed(1)).join(' ')}` +
      ` → ${result.loadAverageAtEnd.map((l) => l.toFixed(1)).join(' ')}, ${result.date}\n\n` +
      `${reportTable(result.figures)}\n\nwritten to ${options.out}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
