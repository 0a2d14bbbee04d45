/**
 * How many physical cores (hyperthread pairs) one dataflow needs, from AWS's published table
 * for the current agent (Agent UG "Select Amazon EC2 instance and reserve CPU cores", wideband).
 * Kept as data so it can be reviewed against the guide and changed in one place.
 */
export const WIDEBAND_CORES: ReadonlyArray<{ maxMHz: number; cores: number }> = [
  { maxMHz: 50, cores: 3 },
  { maxMHz: 100, cores: 4 },
  { maxMHz: 150, cores: 5 },
  { maxMHz: 200, cores: 6 },
  { maxMHz: 250, cores: 6 },
  { maxMHz: 300, cores: 7 },
  { maxMHz: 350, cores: 8 },
  { maxMHz: 400, cores: 9 },
];

/** Narrowband is ≤ 40 MHz; AWS does not publish its cost, so the 50 MHz row is assumed. */
export const NARROWBAND_MAX_MHZ = 40;
export const ASSUMED_ROW = WIDEBAND_CORES[0];
/** One extra core per agent for management and coordination. */
export const MANAGEMENT_CORES = 1;

export interface CoreNeed {
  cores: number;
  basis: string;
  assumed: boolean;
}

/** Cores for one dataflow: "between entries, select the next highest" row. */
export function coresForDataflow(direction: 'downlink' | 'uplink', bandwidthMHz?: number): CoreNeed {
  if (bandwidthMHz === undefined) {
    return { cores: ASSUMED_ROW.cores, basis: 'no bandwidthMHz given: assumed the 50 MHz row', assumed: true };
  }
  if (direction === 'uplink') {
    return {
      cores: ASSUMED_ROW.cores,
      basis: `uplink ${bandwidthMHz} MHz: AWS publishes no uplink table, assumed the 50 MHz row`,
      assumed: true,
    };
  }
  if (bandwidthMHz <= NARROWBAND_MAX_MHZ) {
    return { cores: ASSUMED_ROW.cores, basis: `narrowband ${bandwidthMHz} MHz: assumed the 50 MHz row`, assumed: true };
  }
  const row = WIDEBAND_CORES.find((r) => bandwidthMHz <= r.maxMHz);
  if (!row) throw new RangeError(`bandwidth ${bandwidthMHz} MHz is above the 400 MHz wideband table`);
  return { cores: row.cores, basis: `wideband ${bandwidthMHz} MHz → ${row.maxMHz} MHz row`, assumed: false };
}
