/**
 * Every JSON Schema the tool validates against, with its ajv options: data only, shared by
 * src/validators.ts (compiles on first use) and scripts/build.mjs (compiles ahead of time,
 * as ajv standalone code, into the single-file bundle).
 */
import type { Options } from 'ajv';
import missionSchema from '../schemas/mission.schema.json' with { type: 'json' };
import agentConfigSchema from '../schemas/agent-config.schema.json' with { type: 'json' };
import tuningSchema from '../schemas/tuning.schema.json' with { type: 'json' };
import hostFactsSchema from '../schemas/host-facts.schema.json' with { type: 'json' };

export const SCHEMA_CATALOG = {
  // strictRequired is off because the direction-dependent `required` lists sit in if/then
  // branches, which name properties declared one level up. verbose: the error formatter
  // quotes the failing schema and data.
  mission: { schema: missionSchema, options: { allErrors: true, verbose: true, strict: true, strictRequired: false } },
  agentConfig: { schema: agentConfigSchema, options: { allErrors: true } },
  tuning: { schema: tuningSchema, options: { allErrors: true } },
  // The first error only: a corrupt answer with 10 000 bad items gives one message, fast.
  // verbose: the message quotes the failing value and the definition's description.
  hostFacts: { schema: hostFactsSchema, options: { allErrors: false, verbose: true, strict: true } },
} satisfies Record<string, { schema: object; options: Options }>;

export type SchemaName = keyof typeof SCHEMA_CATALOG;
