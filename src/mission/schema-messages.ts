/**
 * The words for schema errors, per field or schema definition: the operator sees these, so
 * they say what a valid value looks like rather than quoting a regular expression.
 */

/** pattern errors, by schema definition name or field name. */
export const PATTERN_HELP: Record<string, string> = {
  safeName: 'must be 1–64 letters, digits, "_" or "-", starting with a letter or digit',
  portRange: 'must be a port range "min-max", e.g. 42000-50000',
  address: 'must be host:port, e.g. 127.0.0.1:55000 (an IPv4 address or host name, ":", a port 1–65535)',
  publicIp: 'must be "auto" or a dotted IPv4 address like 203.0.113.10 (the host\'s Elastic IP)',
  privateIps: 'must be a dotted IPv4 address like 10.0.1.12',
  networkAdapters: 'must be a network interface name like eth1 (1–15 letters, digits or _ . : @ -)',
  group:
    'must be a dataflow endpoint group ARN (arn:aws:groundstation:<region>:<account>:dataflow-endpoint-group/<id>) or its id (a lowercase UUID)',
  tagKey: 'tag keys must be 1–128 letters, digits, spaces or + - = . _ : / @',
  tagValue: 'tag values must be 1–256 letters, digits, spaces or + - = . _ : / @',
};

/** `auto`-or-value fields: one message instead of one per anyOf branch. */
export const ANYOF_HELP: Record<string, string> = {
  autoOrIpList: 'must be "auto" or a list of IPv4 addresses, e.g. [10.0.1.12]',
  autoOrCpuList: 'must be "auto", a CPU list like "24-33,72-81", or a list of CPU numbers 0–1023',
  autoOrAdapterList: 'must be "auto" or a list of network interface names, e.g. [eth1]',
};

/** Appended to `missing required key "x"`. */
export const REQUIRED_HINTS: Record<string, string> = {
  deliverTo: ' (a downlink needs it: where the agent delivers the data, e.g. 127.0.0.1:55000)',
  receiveFrom: ' (an uplink needs it: where the agent listens for your uplink data, e.g. 127.0.0.1:56000)',
};

/** How to fix, by `field:keyword`. */
export const FIELD_HINTS: Record<string, string> = {
  'mtu:minimum': 'Ground Station accepts MTUs of 1400–1500 only (no jumbo frames)',
  'mtu:maximum': 'Ground Station accepts MTUs of 1400–1500 only (no jumbo frames)',
  'localMtu:minimum': 'Ground Station accepts MTUs of 1400–1500 only (no jumbo frames)',
  'localMtu:maximum': 'Ground Station accepts MTUs of 1400–1500 only (no jumbo frames)',
  'bandwidthMHz:maximum': "AWS's agent sizing table for downlinks ends at 400 MHz",
  'portsPerDataflow:minimum': 'AWS needs at least 300 contiguous agent ports per dataflow',
  'dataflows:maxItems': 'one dataflow endpoint group holds at most 12 endpoints; split the dataflows across hosts',
};

/** A key that belongs to the other direction; `twin` is the key this direction uses instead. */
export const WRONG_KEY: Record<string, { twin: string; what: string; fix: string }> = {
  deliverTo: {
    twin: 'receiveFrom',
    what: 'an uplink has no "deliverTo"',
    fix: 'write "receiveFrom" instead: where the agent listens for your uplink data',
  },
  receiveFrom: {
    twin: 'deliverTo',
    what: 'a downlink has no "receiveFrom"',
    fix: 'write "deliverTo" instead: where the agent delivers the data',
  },
};
