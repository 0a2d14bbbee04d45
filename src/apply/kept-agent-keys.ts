/**
 * Keys of the agent config on disk that this tool does not write (agent 1.0.3555.0 added an
 * undocumented option; AWS support may ask for others): kept, with their values, when apply
 * rewrites the file, and named by plan and apply, never dropped silently. Read once, bounded;
 * a file that is not a JSON object keeps nothing (apply rewrites it whole, as before).
 */
import { AGENT_CONFIG_PATH, underRoot } from '../host-paths.ts';
import { readStartFact } from '../facts/linux/bounded-read.ts';
import { AGENT_CONFIG_KEYS, type KeptAgentKeys } from '../render/render-files.ts';

/** A config this long is not one the agent reads: nothing is kept from it. */
const MAX_BYTES = 256 * 1024;
/** More unknown keys than this is not an option or two but another file: nothing is kept. */
const MAX_KEYS = 20;
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface KeptKeysFound {
  kept: KeptAgentKeys;
  /** `key` and `device.key`, for the warning. */
  names: string[];
  /** Why keys were found but not kept (not names a file may hold), for the warning. */
  refused?: string;
}

const NONE: KeptKeysFound = { kept: { top: {}, device: {} }, names: [] };

export function keptKeysOf(text: string): KeptKeysFound {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return NONE;
  }
  if (!isObject(doc)) return NONE;
  const unknownOf = (o: Record<string, unknown>, known: readonly string[]) => Object.keys(o).filter((k) => !known.includes(k));
  const device = isObject(doc.device) ? doc.device : {};
  const top = unknownOf(doc, AGENT_CONFIG_KEYS.top);
  const dev = unknownOf(device, AGENT_CONFIG_KEYS.device);
  const names = [...top, ...dev.map((k) => `device.${k}`)];
  if (!names.length) return NONE;
  if (names.length > MAX_KEYS) return { ...NONE, refused: `${names.length} keys the tool does not know (more than ${MAX_KEYS})` };
  const bad = [...top, ...dev].find((k) => !KEY.test(k));
  if (bad !== undefined) return { ...NONE, refused: `a key named ${JSON.stringify(bad.slice(0, 70))}, not a config key's name` };
  return {
    kept: { top: Object.fromEntries(top.map((k) => [k, doc[k]])), device: Object.fromEntries(dev.map((k) => [k, device[k]])) },
    names,
  };
}

export function readKeptAgentKeys(root: string): KeptKeysFound {
  const f = readStartFact(underRoot(root, AGENT_CONFIG_PATH), MAX_BYTES);
  if (!f.ok || f.value.cut) return NONE;
  return keptKeysOf(f.value.text);
}

/** The warning plan and apply give, or undefined when nothing is kept or refused. */
export function keptKeysWarning(found: KeptKeysFound): string | undefined {
  if (found.refused)
    return `${AGENT_CONFIG_PATH} on disk holds ${found.refused}: not kept, the file is rewritten with the tool's keys only`;
  if (!found.names.length) return undefined;
  return `${AGENT_CONFIG_PATH} on disk holds ${found.names.join(', ')}, which this tool does not write: kept as they are when the file is rewritten (remove them by hand if AWS support no longer wants them)`;
}
