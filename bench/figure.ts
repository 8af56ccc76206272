/** How a figure is judged: against its baseline's ratio, or against an absolute bound. */
export type Target =
  | { readonly kind: 'min-ratio'; readonly value: number }
  | { readonly kind: 'max-ratio'; readonly value: number }
  | { readonly kind: 'max'; readonly value: number }
  | { readonly kind: 'none' };

/** One line of the benchmark's table: a measured value, what it was measured against, and the target. */
export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number;
  /** What the value is compared with, measured in the same run. */
  readonly baseline: { readonly label: string; readonly value: number } | null;
  /** value / baseline.value, or null without a baseline. */
  readonly ratio: number | null;
  readonly target: Target;
  /** Whether the target is met; null when the figure has no target. */
  readonly met: boolean | null;
  /** Supporting numbers (latencies, errors, CPU, samples). */
  readonly details: Readonly<Record<string, number | string>>;
}

export interface FigureInput {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline?: { readonly label: string; readonly value: number };
  readonly target?: Target;
  readonly details?: Readonly<Record<string, number | string>>;
}

function isMet(target: Target, value: number, ratio: number | null): boolean | null {
  switch (target.kind) {
    case 'none':
      return null;
    case 'max':
      return value <= target.value;
    case 'min-ratio':
      return ratio !== null && ratio >= target.value;
    case 'max-ratio':
      return ratio !== null && ratio <= target.value;
  }
}

/** Builds a figure, computing its ratio and whether it meets its target. */
export function figure(input: FigureInput): Figure {
  const baseline = input.baseline ?? null;
  const ratio = baseline === null || baseline.value === 0 ? null : input.value / baseline.value;
  const target = input.target ?? { kind: 'none' };
  return {
    id: input.id,
    label: input.label,
    unit: input.unit,
    value: input.value,
    baseline,
    ratio,
    target,
    met: isMet(target, input.value, ratio),
    details: input.details ?? {},
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
