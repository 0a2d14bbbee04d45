/** The EC2 stand-in behind the real client, for the stand-in's own tests (the 25 MB client is loaded only here). */
import { after, before } from 'node:test';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { SandboxService } from '../../sandbox/types.ts';
import { serveService } from './serve-service.ts';

/**
 * An EC2 stand-in served for the enclosing describe block, and the real EC2Client 3.523.0 on it
 * (one attempt): `send` is that client's, available from `before` on.
 */
export function useEc2Client(
  service: SandboxService,
  opts: { region: string; credentials: { accessKeyId: string; secretAccessKey: string } },
): Pick<EC2Client, 'send'> {
  let server: { url: string; close(): Promise<void> };
  let client: EC2Client;
  before(async () => {
    server = await serveService(service);
    client = new EC2Client({ ...opts, endpoint: server.url, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await server.close();
  });
  return { send: ((cmd: Parameters<EC2Client['send']>[0]) => client.send(cmd)) as EC2Client['send'] };
}
