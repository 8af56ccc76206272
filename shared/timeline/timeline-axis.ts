import { markup, type SafeHtml } from '../html-escape.js';
import { TIMELINE_COLOURS as C } from './timeline-palette.js';

/** A coordinate, rounded so the markup stays small. */
const n = (value: number): number => Math.round(value * 10) / 10;

/** Picks an axis step (seconds) giving at most about ten ticks. */
export function axisStep(domainMs: number): number {
  const steps = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  const seconds = domainMs / 1000;
  return steps.find((step) => seconds / step <= 10) ?? Math.ceil(seconds / 10 / 3600) * 3600;
}

export function axisLabel(seconds: number): string {
  return `${Number(seconds.toFixed(2))} s`;
}

/**
 * The time axis of a timeline picture (the token timeline's and the delivery timeline's): a grid line per
 * step from `top` down to the axis at `axisTop`, a tick under it, and its label in seconds.
 */
export function renderTimeGrid(
  domainMs: number,
  x: (ms: number) => number,
  top: number,
  axisTop: number,
): SafeHtml[] {
  const step = axisStep(domainMs);
  const grid: SafeHtml[] = [];
  for (let i = 0; i * step * 1000 <= domainMs + 1e-6; i += 1) {
    const tx = n(x(i * step * 1000));
    grid.push(
      markup`<line x1="${tx}" y1="${n(top)}" x2="${tx}" y2="${n(axisTop)}" stroke="${C.grid}"></line>`,
      markup`<line x1="${tx}" y1="${n(axisTop)}" x2="${tx}" y2="${n(axisTop + 5)}" stroke="${C.muted}"></line>`,
      markup`<text class="axis-label" x="${tx}" y="${n(axisTop + 17)}" text-anchor="middle" fill="${C.muted}">${axisLabel(i * step)}</text>`,
    );
  }
  return grid;
}
