import type { components } from '../../generated/openapi.js';

/** A webhook's `data`: the request's details. */
export type RequestData = components['schemas']['WebhookRequestData'];
type Location = components['schemas']['WebhookLocation'];

interface Patient {
  readonly first: string;
  readonly middle: string | null;
  readonly last: string;
  readonly gender: string;
  readonly dateOfBirth: string;
  readonly heightInches: number;
  readonly weightLbs: number;
  readonly language: string;
  readonly canAmbulate: boolean;
}

// Invented people and places: realistic in shape, nobody real.
const PATIENTS: readonly Patient[] = [
  {
    first: 'Maria',
    middle: 'L',
    last: 'Gonzalez',
    gender: 'female',
    dateOfBirth: '1948-03-12',
    heightInches: 63,
    weightLbs: 154,
    language: 'Spanish',
    canAmbulate: false,
  },
  {
    first: 'Robert',
    middle: null,
    last: 'Chen',
    gender: 'male',
    dateOfBirth: '1956-11-02',
    heightInches: 69,
    weightLbs: 201,
    language: 'English',
    canAmbulate: true,
  },
  {
    first: 'Evelyn',
    middle: 'Rose',
    last: 'Okafor',
    gender: 'female',
    dateOfBirth: '1939-07-25',
    heightInches: 61,
    weightLbs: 118,
    language: 'English',
    canAmbulate: false,
  },
];

const PLACES: readonly Location[] = [
  {
    address: '1200 Harbor View Dr, Oakland, CA 94607',
    city: 'Oakland',
    country: 'US',
    lat: 37.7975,
    lng: -122.2819,
    name: 'Harbor View Medical Center',
    state: 'CA',
    street: '1200 Harbor View Dr',
    zip: '94607',
  },
  {
    address: '455 Alder St, Berkeley, CA 94704',
    city: 'Berkeley',
    country: 'US',
    lat: 37.8688,
    lng: -122.2595,
    name: null,
    state: 'CA',
    street: '455 Alder St',
    zip: '94704',
  },
  {
    address: '88 Dialysis Way, San Leandro, CA 94577',
    city: 'San Leandro',
    country: 'US',
    lat: 37.7249,
    lng: -122.1561,
    name: 'Bayside Dialysis Clinic',
    state: 'CA',
    street: '88 Dialysis Way',
    zip: '94577',
  },
];

/** A small stable hash of the id, so one request always gets the same patient and trip. */
function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

const pick = <T>(list: readonly T[], seed: number): T => list[seed % list.length] as T;

const ageOn = (dateOfBirth: string, nowMs: number): number => {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const now = new Date(nowMs);
  let age = now.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed =
    now.getUTCMonth() > born.getUTCMonth() ||
    (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
};

/** The next quarter hour at least two hours after `nowMs`, as VectorCare writes times. */
const pickupTime = (nowMs: number): string => {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((nowMs + 2 * 3_600_000) / quarter) * quarter).toISOString();
};

/**
 * Realistic `data` for a request: every field VectorCare's docs show (facts §5 "data fields seen"), with a
 * patient and trip chosen by the id (so one request keeps its details) and a pickup two hours after
 * `nowMs`. Fields the docs name without showing (responder fields, `revised_eta`, ...) are left out: their
 * shape is unknown.
 *
 * @example
 * requestDataFixture('VC-BSBBCY5Q', clock.now()).patient_last_name; // the same name every time
 */
export function requestDataFixture(serviceRequestId: string, nowMs: number): RequestData {
  const seed = seedOf(serviceRequestId);
  const patient = pick(PATIENTS, seed);
  const pickupIndex = seed % PLACES.length;
  const pickupLocation = PLACES[pickupIndex] as Location;
  const destination = PLACES[(pickupIndex + 1 + ((seed >>> 8) % (PLACES.length - 1))) % PLACES.length];
  const at = pickupTime(nowMs);
  const idNumber = String(100000 + (seed % 900000));
  return {
    account_name: 'Bayside Health System',
    agreed_for_time: at,
    change_request_enabled: true,
    collection_id: null,
    facility_name: 'Harbor View Medical Center',
    organization_id: 'ORG-7Q4K2M',
    is_round_trip_first_trip: false,
    is_round_trip_return_trip: false,
    round_trip_other_service_request_id: null,
    pickup_location: pickupLocation,
    destination_location: destination ?? null,
    pickup_date_time: at,
    patient_active_membership: 'Medicare Advantage',
    patient_age: ageOn(patient.dateOfBirth, nowMs),
    patient_coverages: [{ payer_name: 'Medicare Part B', member_id: `1EG4TE5MK${idNumber.slice(0, 2)}` }],
    patient_date_of_birth: patient.dateOfBirth,
    patient_first_name: patient.first,
    patient_middle_name: patient.middle,
    patient_last_name: patient.last,
    patient_gender: patient.gender,
    patient_girth_inches: null,
    patient_height_inches: patient.heightInches,
    patient_id: `PT-${idNumber}`,
    patient_interpreter_required: patient.language !== 'English',
    patient_language_spoken: patient.language,
    patient_language_written: patient.language,
    patient_membership_primary_id: idNumber,
    patient_membership_primary_prefix: 'MA',
    patient_membership_secondary_id: null,
    patient_membership_secondary_prefix: null,
    patient_over_300p: patient.weightLbs > 300,
    patient_weight_kg: Math.round(patient.weightLbs * 0.45359237 * 10) / 10,
    patient_weight_lbs: patient.weightLbs,
    service_request_web_url: `https://hub.vectorcare.com/requests/${encodeURIComponent(serviceRequestId)}/`,
    can_ambulate: patient.canAmbulate,
    destination_is_home: destination?.name === null,
    escalated: false,
    has_own_wheelchair: null,
    hospice: false,
    is_dialysis_trip: destination?.name?.includes('Dialysis') === true,
    is_inpatient: pickupLocation.name?.includes('Medical Center') === true,
    is_recent_onset: null,
    isolation_precaution: false,
    patient_is_ready: true,
    pickup_is_home: pickupLocation.name === null,
    return_on_will_call: false,
    wait_and_return: false,
  };
}
