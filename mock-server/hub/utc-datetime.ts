import { type FieldError } from './field-errors.js';

/** The format named in `common:datetime_invalid_format` errors. */
export const UTC_DATETIME_FORMAT = 'YYYY-MM-DDThh:mm[:ss[.uuuuuu]]Z';

export const datetimeInvalidFormat: FieldError = {
  message: `Datetime format should be ${UTC_DATETIME_FORMAT}.`,
  code: 'common:datetime_invalid_format',
};

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]00:?00)$/;

/**
 * Parses an ISO 8601 date-time in UTC (`Z`, or a zero offset) to epoch ms; undefined when the text is not
 * one or names an impossible date. VectorCare asks for UTC, so other offsets are refused.
 */
export function parseUtcDateTime(text: string): number | undefined {
  const match = ISO_UTC.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  const date = new Date(ms);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || date.getUTCFullYear() !== year)
    return undefined;
  return ms;
}
