import { type FieldError } from './field-errors.js';

/** The format named in `common:datetime_invalid_format` errors. */
export const UTC_DATETIME_FORMAT = 'YYYY-MM-DDThh:mm[:ss[.uuuuuu]]Z';

export const datetimeInvalidFormat: FieldError = {
  message: `Datetime format should be ${UTC_DATETIME_FORMAT}.`,
  code: 'common:datetime_invalid_format',
};

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]00:?00)$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses an ISO 8601 date-time in UTC (`Z`, or a zero offset) to epoch ms; undefined when the text is not
 * one or names an impossible date. VectorCare asks for UTC, so other offsets are refused. Years before 100
 * are refused too, as `Date.UTC` would read them as 19xx. (Every state update parses one: no `Date` object
 * and no arrays, just the numbers.)
 */
export function parseUtcDateTime(text: string): number | undefined {
  const match = ISO_UTC.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (year < 100 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const fraction = match[7];
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
