/**
 * The User Timing measures the page records for each drawing of its pictures (`performance.measure`, read with
 * `performance.getEntriesByName`), so how long a person waits can be read in the browser itself, and from a
 * Chromium trace, where they appear in the `blink.user_timing` category. Every measure starts when the
 * drawing's cause reached the page: the feed's answer arrived, or the time axis was switched.
 */

/** From the cause to the painted frame that shows the pictures on screen: what a person sees first. */
export const FIRST_VIEW_MEASURE = 'dashboard:first-view';

/** One step of a drawing, from its start to the moment it hands the page back (input, paint) between steps. */
export const DRAW_STEP_MEASURE = 'dashboard:draw-step';

/** From the cause to the painted frame with every picture drawn. */
export const RENDER_MEASURE = 'dashboard:render';

/** The `detail` of each measure. */
export interface DrawingDetail {
  /** Counts drawings since the page loaded, from 1. */
  readonly drawing: number;
  readonly cause: 'feed' | 'fit' | 'present';
  /** The exchanges the drawing shows. */
  readonly exchanges: number;
  /** The client sections it drew (the unchanged ones are kept as they are). */
  readonly sections: number;
  /** Steps taken so far. */
  readonly steps: number;
}
