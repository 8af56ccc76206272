import type { Figure, Target } from './figure.js';

const number = (value: number): string =>
  !Number.isFinite(value)
    ? String(value)
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : value.toFixed(value >= 10 ? 1 : 2);

function targetText(target: Target, unit: string): string {
  switch (target.kind) {
    case 'none':
      return '';
    case 'min-ratio':
      return `≥ ${target.value} ×`;
    case 'max-ratio':
      return `≤ ${target.value} ×`;
    case 'max':
      return `≤ ${target.value} ${unit}`;
  }
}

const verdict = (met: boolean | null): string => (met === null ? '' : met ? 'met' : 'MISSED');

/** The figures as a Markdown table: what is printed, and what docs/performance.md shows. */
export function reportTable(figures: readonly Figure[]): string {
  const rows = ['| figure | value | baseline (same run) | ratio | target | |', '|---|---:|---|---:|---|---|'];
  for (const f of figures) {
    const baseline = f.baseline === null ? '' : `${number(f.baseline.value)} ${f.unit} (${f.baseline.label})`;
    const ratio = f.ratio === null ? '' : `${f.ratio.toFixed(2)} ×`;
    rows.push(
      `| ${f.label} | ${number(f.value)} ${f.unit} | ${baseline} | ${ratio} | ${targetText(f.target, f.unit)} | ${verdict(f.met)} |`,
    );
  }
  return rows.join('\n');
}
