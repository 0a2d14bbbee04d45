/**
 * Instance-role credentials read through the tool's own IMDSv2 client, so a run on an EC2
 * host uses one token for everything: facts and credentials (the SDK's provider would fetch
 * its own token, and each client would do it again). Refreshed five minutes before they
 * expire, like the SDK's provider. Never printed.
 */
import { HostFactsError } from '../errors.ts';
import type { ImdsClient } from './imds.ts';

export interface RoleCredentials { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date }

interface CredentialDocument { Code?: string; AccessKeyId?: string; SecretAccessKey?: string; Token?: string; Expiration?: string }

const ROLES = 'meta-data/iam/security-credentials/';
const REFRESH_MS = 5 * 60_000;

function noRole(client: ImdsClient, why: string): HostFactsError {
  return new HostFactsError(`no instance-role credentials from IMDS at ${client.endpoint}: ${why}`, [
    'attach an instance profile whose role has the tool\'s policy (gs-agent-config iam-policy; README "IAM")',
    'or give credentials another way: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity token',
  ]);
}

async function fetchRoleCredentials(client: ImdsClient): Promise<RoleCredentials> {
  const [role] = await client.getLines(ROLES);
  if (!role) throw noRole(client, 'the instance has no instance profile (IMDS lists no role)');
  const doc = await client.getJson<CredentialDocument>(`${ROLES}${role}`);
  if (!doc || doc.Code !== 'Success' || !doc.AccessKeyId || !doc.SecretAccessKey || !doc.Token) {
    throw noRole(client, `IMDS answered for role ${role} without usable credentials (Code ${JSON.stringify(doc?.Code ?? null)})`);
  }
  const expiration = new Date(doc.Expiration ?? '');
  if (Number.isNaN(expiration.getTime())) throw noRole(client, `the credentials of role ${role} have no valid Expiration`);
  return { accessKeyId: doc.AccessKeyId, secretAccessKey: doc.SecretAccessKey, sessionToken: doc.Token, expiration };
}

/** A credential provider for the SDK clients; share one between clients to fetch once. */
export function imdsRoleCredentials(client: ImdsClient, now: () => number = Date.now): () => Promise<RoleCredentials> {
  let current: Promise<RoleCredentials> | undefined;
  return async () => {
    if (current) {
      const held = await current.catch(() => undefined);
      if (held && held.expiration.getTime() - now() > REFRESH_MS) return held;
    }
    const next = fetchRoleCredentials(client);
    current = next;
    return next;
  };
}
