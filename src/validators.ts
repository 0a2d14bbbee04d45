/**
 * JSON Schema validators by name, compiled by ajv on first use (so commands that validate
 * nothing never load ajv). The single-file bundle replaces this module with validators
 * compiled ahead of time (ajv standalone code, scripts/build.mjs): no compilation at run time.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { SCHEMA_CATALOG, type SchemaName } from './schema-catalog.ts';

const compiled = new Map<SchemaName, ValidateFunction>();

export function validator<T = unknown>(name: SchemaName): ValidateFunction<T> {
  let v = compiled.get(name);
  if (!v) {
    const { schema, options } = SCHEMA_CATALOG[name];
    v = new Ajv(options).compile(schema);
    compiled.set(name, v);
  }
  return v as ValidateFunction<T>;
}
