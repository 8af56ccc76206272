import { HubError, invalidFields, tooManyLocations } from '../errors/hub-error.js';
import { isJsonObject, readNumber } from './body-fields.js';
import { badRequestField, FieldErrorCollector, fieldError, type FieldErrors } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';

/** The most locations one request may carry (facts §3.3). */
export const MAX_LOCATIONS = 200;

function locationErrors(item: unknown): FieldErrors {
  const errors = new FieldErrorCollector();
  if (!isJsonObject(item)) {
    errors.add('non_field_errors', badRequestField('Invalid data. Expected a dictionary.'));
    return errors.toJSON();
  }
  // VectorCare's v2 page lists missing fields in this order.
  readNumber(item, 'timestamp', true, errors);
  readNumber(item, 'lat', true, errors);
  readNumber(item, 'lng', true, errors);
  readNumber(item, 'alt', true, errors);
  readNumber(item, 'speed', false, errors);
  return errors.toJSON();
}

/**
 * `POST requests/{request_id}/locations/`: a JSON list of at most 200 `{lat, lng, alt, timestamp, speed?}`
 * numbers; 200 `{}`. Errors are a list with one object per item, `{}` for the valid ones.
 */
export const locations: HubEndpoint = {
  segment: 'locations',
  method: 'POST',
  answer(body) {
    if (!Array.isArray(body)) throw new HubError(400, fieldError('common:list_invalid'));
    if (body.length > MAX_LOCATIONS) throw tooManyLocations();
    const perItem = body.map(locationErrors);
    if (perItem.some((errors) => Object.keys(errors).length > 0)) throw invalidFields(perItem);
    return { status: 200, body: {} };
  },
};
