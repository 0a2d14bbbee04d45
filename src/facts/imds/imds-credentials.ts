/**
 * Instance-role credentials read through the tool's own IMDSv2 client, so a run on an EC2
 * host uses one token for everything: facts and credentials (the SDK's provider would fetch
 * its own token, and each client would do it again). Refreshed five minutes before they
 * expire, like the SDK's provider; credentials already expired when served are fetched again
 * once, then the run stops as transient (exit 5): they are never used. Never printed.
 */
import { HostFactsError, TransientError } from '../../errors.ts';
import { factReader } from '../fact-value.ts';
import type { ImdsClient } from './imds.ts';
import { parseString } from '../parse-values.ts';

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

interface CredentialDocument {
  Code?: unknown;
  AccessKeyId?: unknown;
  SecretAccessKey?: unknown;
  Token?: unknown;
  Expiration?: unknown;
}

const ROLES = 'meta-data/iam/security-credentials/';
const REFRESH_MS = 5 * 60_000;

function noRole(client: ImdsClient, why: string): HostFactsError {
  return new HostFactsError(`no instance-role credentials from IMDS at ${client.endpoint}: ${why}`, [
    'attach an instance profile whose role has the tool\'s policy (gs-agent-config iam-policy; README "IAM")',
    'or give credentials another way: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity token',
  ]);
}

/** A secret-bearing field: checked for shape, never quoted in a message. */
function secret(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,8192}$/.test(value);
}

async function fetchRoleCredentials(client: ImdsClient): Promise<RoleCredentials> {
  const [raw] = await client.getLines(ROLES);
  if (!raw) throw noRole(client, 'the instance has no instance profile (IMDS lists no role)');
  // The name goes into the next path: an IAM role name, nothing else (no `/`, no `..`).
  const role = factReader(`IMDS ${client.endpoint}/latest/${ROLES}`, 'the instance profile attached to this instance')(
    'role name',
    raw,
    (v) => parseString('roleName', v),
  );
  const doc = await client.getJson<CredentialDocument>(`${ROLES}${role}`);
  if (
    !doc ||
    typeof doc !== 'object' ||
    doc.Code !== 'Success' ||
    !secret(doc.AccessKeyId) ||
    !secret(doc.SecretAccessKey) ||
    !secret(doc.Token)
  ) {
    const code = doc && typeof doc === 'object' ? doc.Code : undefined;
    throw noRole(
      client,
      `IMDS answered for role ${role} without usable credentials (Code ${JSON.stringify(typeof code === 'string' ? code.slice(0, 40) : (code ?? null))})`,
    );
  }
  const expiration = new Date(typeof doc.Expiration === 'string' ? doc.Expiration : '');
  if (Number.isNaN(expiration.getTime())) throw noRole(client, `the credentials of role ${role} have no valid Expiration`);
  return { accessKeyId: doc.AccessKeyId, secretAccessKey: doc.SecretAccessKey, sessionToken: doc.Token, expiration };
}

/** Credentials not yet expired: fetched again once if IMDS served expired ones, then transient. */
async function fetchUnexpired(client: ImdsClient, now: () => number): Promise<RoleCredentials> {
  const first = await fetchRoleCredentials(client);
  if (first.expiration.getTime() > now()) return first;
  const second = await fetchRoleCredentials(client);
  if (second.expiration.getTime() > now()) return second;
  throw new TransientError(
    `IMDS at ${client.endpoint} served instance-role credentials that had already expired (Expiration ${second.expiration.toISOString()}), twice`,
    [
      'IMDS renews role credentials before they expire; the run is retried at the next start',
      'if this persists, check the host clock (timedatectl) and the instance profile',
    ],
  );
}

/** A credential provider for the SDK clients; share one between clients to fetch once. */
export function imdsRoleCredentials(client: ImdsClient, now: () => number = Date.now): () => Promise<RoleCredentials> {
  let current: Promise<RoleCredentials> | undefined;
  return async () => {
    if (current) {
      const held = await current.catch(() => undefined);
      if (held && held.expiration.getTime() - now() > REFRESH_MS) return held;
    }
    const next = fetchUnexpired(client, now);
    current = next;
    return next;
  };
}
