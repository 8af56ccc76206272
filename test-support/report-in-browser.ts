import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isReceiverResult } from '../contract-tests/report/receiver-report-types.js';
import type { CertificationReport, Verdict } from '../contract-tests/report/report-types.js';
import { PACKAGE_ROOT } from '../shared/package-root.js';
import { launchChromium } from './chromium.js';

/**
 * Opens an HTML certification report in a real headless Chromium and checks what a person would see:
 * the certified banner, one verdict row per rule with its verdict, and for each rule a timeline SVG with
 * one visible bar per issued token and one visible tick per API call (a webhook receiver's: a delivery
 * timeline with one visible tick per POST and one dot per applied event). Also checks the file is
 * self-contained (it requests nothing but itself) and runs no script. Saves a full-page screenshot.
 *
 * Used by the HTML report's own tests and by the third-party certification tests, once per library.
 */

export interface ExpectedRule {
  readonly rule: string;
  readonly verdict: Verdict;
  /** Token bars: the token requests that issued a token. */
  readonly tokensIssued: number;
  /** Every token request, failed or not. */
  readonly tokenRequests: number;
  readonly calls: number;
  /** A receiver's rule: the POSTs (attempt ticks) and applied messages its delivery timeline must show. */
  readonly attempts?: number;
  readonly applied?: number;
}

/** The refresh model's section: its class and one table row per lifetime (and one for 3600 s if predicted). */
export interface ExpectedModel {
  readonly modelClass: string;
  readonly rows: readonly { readonly lifetime: number; readonly kind: string; readonly source: string }[];
}

export interface ExpectedReport {
  readonly certified: boolean;
  readonly rules: readonly ExpectedRule[];
  /** Absent when the report has no refresh model: the page must then show none. */
  readonly model?: ExpectedModel;
}

/** What the report's data says the page must show. */
export function expectedFromReport(report: CertificationReport): ExpectedReport {
  return {
    certified: report.certified,
    rules: report.results.map((result) => ({
      rule: result.rule,
      verdict: result.verdict,
      tokensIssued: result.timeline.tokens.filter(
        (token) => token.jti !== null && token.expires_at_ms !== null,
      ).length,
      tokenRequests: result.timeline.tokens.length,
      calls: result.timeline.calls.length,
      ...(isReceiverResult(result)
        ? { attempts: result.deliveries.attempts.length, applied: result.deliveries.applied.length }
        : {}),
    })),
    ...(report.refresh_model === undefined
      ? {}
      : {
          model: {
            modelClass: report.refresh_model.class,
            rows: [
              ...report.refresh_model.points,
              ...(report.refresh_model.vectorcare?.source === 'predicted'
                ? [report.refresh_model.vectorcare]
                : []),
            ].map((point) => ({ lifetime: point.lifetime_s, kind: point.kind, source: point.source })),
          },
        }),
  };
}

interface ElementCount {
  readonly count: number;
  /** How many of them have a rendered width and height above zero. */
  readonly visible: number;
}

export interface ObservedRow {
  readonly rule: string;
  readonly verdictText: string;
  readonly badgeColour: string;
}

export interface ObservedTimeline {
  readonly rule: string;
  readonly svgWidth: number;
  readonly svgHeight: number;
  /** The SVG's right edge lies inside the page, so nothing is cut off. */
  readonly fitsPage: boolean;
  readonly bars: ElementCount;
  readonly ticks: ElementCount;
  readonly tokenRequests: ElementCount;
  /** A receiver's delivery timeline: its attempt ticks and applied dots. */
  readonly attempts: ElementCount;
  readonly applied: ElementCount;
  /** Pairs of kit-action labels, or of legend entries, whose rendered boxes intersect. */
  readonly overlappingLabels: number;
  /** Kit-action labels that stick out of the picture. */
  readonly labelsOutside: number;
}

export interface BrowserReportCheck {
  readonly screenshot: string;
  readonly title: string;
  readonly certified: string | null;
  readonly rows: readonly ObservedRow[];
  readonly timelines: readonly ObservedTimeline[];
  /** The refresh model section: its class and rows (lifetime, kind, source), each with its rendered height. */
  readonly model: {
    readonly modelClass: string;
    readonly rows: readonly { lifetime: number; kind: string; source: string; height: number }[];
  } | null;
  /** script, iframe, object, embed, img and link elements found: a report has none. */
  readonly activeElements: number;
  /** URLs other than the report itself that the page tried to load. */
  readonly externalRequests: readonly string[];
  readonly pageErrors: readonly string[];
}

export interface CheckReportOptions {
  /** Where to save the screenshot; defaults to beside the report when it is under test-output/, else there. */
  readonly screenshotFile?: string;
  readonly executablePath?: string;
  /** Viewport width in CSS pixels; the screenshot is the full page at this width. */
  readonly width?: number;
}

const TEST_OUTPUT = join(PACKAGE_ROOT, 'test-output');

/** Next to the report when it is under test-output/, else test-output/<report name>.png. */
function defaultScreenshot(file: string): string {
  const name = `${basename(file).replace(/\.html?$/, '')}.png`;
  const inside = !relative(TEST_OUTPUT, file).startsWith('..') && !isAbsolute(relative(TEST_OUTPUT, file));
  return join(inside ? dirname(file) : TEST_OUTPUT, name);
}

/** Reads the page; runs inside Chromium. */
function observePage(): Omit<BrowserReportCheck, 'screenshot' | 'externalRequests' | 'pageErrors'> {
  const boxesOf = (root: Element, selector: string): DOMRect[] =>
    [...root.querySelectorAll(selector)].map((element) => element.getBoundingClientRect());
  const count = (root: Element, selector: string): { count: number; visible: number } => {
    const elements = [...root.querySelectorAll(selector)];
    const visible = elements.filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }).length;
    return { count: elements.length, visible };
  };
  const pageWidth = document.documentElement.clientWidth;
  const overlaps = (boxes: DOMRect[]): number => {
    let pairs = 0;
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs += 1;
      }
    });
    return pairs;
  };
  return {
    title: document.title,
    certified: document.querySelector('.status')?.getAttribute('data-certified') ?? null,
    rows: [...document.querySelectorAll('table.verdicts tbody tr')].map((row) => {
      const badge = row.querySelector('.verdict');
      return {
        rule: row.getAttribute('data-rule') ?? '',
        verdictText: badge?.textContent?.trim() ?? '',
        badgeColour: badge === null ? '' : getComputedStyle(badge).backgroundColor,
      };
    }),
    timelines: [...document.querySelectorAll('section.rule')].map((section) => {
      // A client's token timeline, or a receiver's delivery timeline.
      const svg = section.querySelector('svg.timeline, svg.delivery-timeline');
      const box = svg?.getBoundingClientRect();
      const none = { count: 0, visible: 0 };
      return {
        rule: section.getAttribute('data-rule') ?? '',
        svgWidth: box?.width ?? 0,
        svgHeight: box?.height ?? 0,
        fitsPage: box !== undefined && box.right <= pageWidth + 0.5,
        bars: svg === null ? none : count(svg, '.token-bar'),
        ticks: svg === null ? none : count(svg, '.call-tick'),
        tokenRequests: svg === null ? none : count(svg, '.token-request'),
        attempts: svg === null ? none : count(svg, '.attempt-tick'),
        applied: svg === null ? none : count(svg, '.applied-mark'),
        overlappingLabels:
          svg === null ? 0 : overlaps(boxesOf(svg, '.action-label')) + overlaps(boxesOf(svg, '.legend-item')),
        labelsOutside:
          svg === null || box === undefined
            ? 0
            : boxesOf(svg, '.action-label').filter(
                (label) => label.left < box.left || label.right > box.right,
              ).length,
      };
    }),
    model: ((): BrowserReportCheck['model'] => {
      const section = document.querySelector('section.refresh-model');
      if (section === null) return null;
      return {
        modelClass: section.getAttribute('data-model') ?? '',
        rows: [...section.querySelectorAll('table.refresh-points tbody tr')].map((row) => ({
          lifetime: Number(row.getAttribute('data-lifetime')),
          kind: row.getAttribute('data-kind') ?? '',
          source: row.getAttribute('data-source') ?? '',
          height: row.getBoundingClientRect().height,
        })),
      };
    })(),
    activeElements: document.querySelectorAll('script, iframe, object, embed, img, link').length,
  };
}

function compare(observed: BrowserReportCheck, expected: ExpectedReport): string[] {
  const problems: string[] = [];
  if (observed.certified !== String(expected.certified)) {
    problems.push(`certified banner says ${observed.certified}, expected ${expected.certified}`);
  }
  const observedRules = observed.rows.map((row) => row.rule).join(', ');
  const expectedRules = expected.rules.map((rule) => rule.rule).join(', ');
  if (observedRules !== expectedRules) {
    problems.push(`verdict table rows [${observedRules}], expected [${expectedRules}]`);
  }
  for (const rule of expected.rules) {
    const row = observed.rows.find((candidate) => candidate.rule === rule.rule);
    if (row !== undefined && !row.verdictText.endsWith(rule.verdict)) {
      problems.push(`${rule.rule}: verdict cell says "${row.verdictText}", expected ${rule.verdict}`);
    }
    if (row !== undefined && /^(rgba\(0, 0, 0, 0\)|rgb\(255, 255, 255\)|)$/.test(row.badgeColour)) {
      problems.push(`${rule.rule}: verdict badge has no colour (${row.badgeColour || 'none'})`);
    }
    const timeline = observed.timelines.find((candidate) => candidate.rule === rule.rule);
    if (timeline === undefined) {
      problems.push(`${rule.rule}: no section`);
      continue;
    }
    if (timeline.svgWidth <= 0 || timeline.svgHeight <= 0)
      problems.push(`${rule.rule}: timeline SVG not rendered`);
    if (!timeline.fitsPage) problems.push(`${rule.rule}: timeline SVG runs off the page`);
    if (timeline.overlappingLabels > 0) {
      problems.push(`${rule.rule}: ${timeline.overlappingLabels} pairs of labels print over each other`);
    }
    if (timeline.labelsOutside > 0) problems.push(`${rule.rule}: ${timeline.labelsOutside} labels cut off`);
    const counts: [string, ElementCount, number][] = [
      ['token bars', timeline.bars, rule.tokensIssued],
      ['call ticks', timeline.ticks, rule.calls],
      ['token request marks', timeline.tokenRequests, rule.tokenRequests],
      ...(rule.attempts === undefined
        ? []
        : ([
            ['attempt ticks', timeline.attempts, rule.attempts],
            ['applied marks', timeline.applied, rule.applied ?? 0],
          ] as [string, ElementCount, number][])),
    ];
    for (const [what, seen, want] of counts) {
      if (seen.count !== want) problems.push(`${rule.rule}: ${seen.count} ${what}, expected ${want}`);
      if (seen.visible !== seen.count) {
        problems.push(`${rule.rule}: only ${seen.visible} of ${seen.count} ${what} have a rendered size`);
      }
    }
  }
  const model = observed.model;
  if (expected.model === undefined) {
    if (model !== null) problems.push(`a refresh model section (${model.modelClass}) the report has none of`);
  } else if (model === null) {
    problems.push(`no refresh model section, expected ${expected.model.modelClass}`);
  } else {
    if (model.modelClass !== expected.model.modelClass)
      problems.push(`refresh model says ${model.modelClass}, expected ${expected.model.modelClass}`);
    const seen = model.rows.map((row) => `${row.lifetime} ${row.kind} ${row.source}`).join('; ');
    const want = expected.model.rows.map((row) => `${row.lifetime} ${row.kind} ${row.source}`).join('; ');
    if (seen !== want) problems.push(`refresh points [${seen}], expected [${want}]`);
    if (model.rows.some((row) => row.height <= 0)) problems.push('a refresh point row has no rendered size');
  }
  if (observed.activeElements > 0) problems.push(`${observed.activeElements} script/img/link/frame elements`);
  if (observed.externalRequests.length > 0) {
    problems.push(`the page requested other resources: ${observed.externalRequests.join(', ')}`);
  }
  if (observed.pageErrors.length > 0) problems.push(`page errors: ${observed.pageErrors.join('; ')}`);
  return problems;
}

/**
 * Opens `htmlFile` in headless Chromium (a fresh profile each time), checks it against `expected` and
 * saves a screenshot. Throws an error listing every mismatch; resolves with what it saw.
 *
 * @example
 * const seen = await checkReportInBrowser('test-output/authlib.html', expectedFromReport(report));
 */
export async function checkReportInBrowser(
  htmlFile: string,
  expected: ExpectedReport,
  options: CheckReportOptions = {},
): Promise<BrowserReportCheck> {
  const file = resolve(htmlFile);
  if (!existsSync(file)) throw new Error(`checkReportInBrowser: no report at ${file}`);
  const screenshot = resolve(options.screenshotFile ?? defaultScreenshot(file));
  await mkdir(dirname(screenshot), { recursive: true });
  const fileUrl = pathToFileURL(file).href;

  const browser = await launchChromium({
    who: 'checkReportInBrowser',
    width: options.width ?? 1100,
    ...(options.executablePath === undefined ? {} : { executablePath: options.executablePath }),
  });
  try {
    const { context } = browser;
    const externalRequests: string[] = [];
    const pageErrors: string[] = [];
    context.on('request', (request) => {
      if (request.url() !== fileUrl) externalRequests.push(request.url());
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(fileUrl, { waitUntil: 'load', timeout: 15_000 });
    const seen = await page.evaluate(observePage);
    await page.screenshot({ path: screenshot, fullPage: true });
    const observed: BrowserReportCheck = { ...seen, screenshot, externalRequests, pageErrors };
    const problems = compare(observed, expected);
    if (problems.length > 0) {
      throw new Error(`The HTML report ${file} does not show what it should:\n- ${problems.join('\n- ')}`);
    }
    return observed;
  } finally {
    await browser.close();
  }
}
