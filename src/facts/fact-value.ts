/**
 * The one shape of a refused host value: what was expected, and the value as received.
 * Parsers throw InvalidValue (pure, no source); the reader that called them knows the source
 * (IMDS path, /sys file, EC2 action, facts file) and turns it into the user-facing error.
 */
import { HostFactsError } from '../errors.ts';

/** Longest quoted value in a message; the rest is cut with `…`. */
export const SHOWN_VALUE_CHARS = 80;

export class InvalidValue extends Error {
  readonly expected: string;
  readonly value: unknown;
  constructor(expected: string, value: unknown) {
    super(`${showValue(value)} is not ${expected}`);
    this.expected = expected;
    this.value = value;
  }
}

/** A value for a message: JSON-escaped (quotes, control characters), truncated. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? '(missing)' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS)}…` : text;
}

/** `source: field VALUE is not EXPECTED`, exit 3, with what to check. */
export function hostValueError(source: string, field: string, err: InvalidValue, check: string): HostFactsError {
  return new HostFactsError(`${source}: ${field} ${showValue(err.value)} is not ${err.expected}`, [`check ${check}`], { cause: err });
}

/**
 * Parses values of one source: `read(field, value, parse)` returns the typed value or throws
 * the HostFactsError naming the source, the field, the value and what to check.
 */
export function factReader(source: string, check: string) {
  return function read<T>(field: string, value: unknown, parse: (v: unknown) => T): T {
    try {
      return parse(value);
    } catch (err) {
      if (err instanceof InvalidValue) throw hostValueError(source, field, err, check);
      throw err;
    }
  };
}
