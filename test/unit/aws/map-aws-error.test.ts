import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mapAwsError, redactSecrets } from '../../../src/aws/map-aws-error.ts';
import { AwsCallError, TransientError, UsageError } from '../../../src/errors.ts';
import { rawServer, unansweredPortUrl } from '../../helpers/raw-server.ts';
import { BoundedHttpHandler } from '../../../src/aws/bounded-http-handler.ts';

const CREDS = { accessKeyId: 'AKIDSANDBOXEXAMPLE', secretAccessKey: 'sandbox-secret-key-example' };

function ec2Error(status: number, code: string, message: string) {
  return rawServer((_req, res) => {
    // Real EC2 sends the request id as a header too; the SDK reads only the header.
    res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': 'ec2-req-1' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>ec2-req-1</RequestID></Response>`,
    );
  });
}

async function ec2Failure(status: number, code: string, message: string): Promise<Error> {
  const srv = await ec2Error(status, code, message);
  try {
    const ec2 = new EC2Client({ region: 'us-east-2', endpoint: srv.url, credentials: CREDS, maxAttempts: 1 });
    const err = await ec2.send(new DescribeAddressesCommand({})).then(
      () => undefined,
      (e: unknown) => e,
    );
    return mapAwsError('DescribeAddresses', err);
  } finally {
    await srv.close();
  }
}

test('EC2 UnauthorizedOperation → AwsCallError naming the operation and the IAM fix', async () => {
  const e = await ec2Failure(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
  assert.ok(e instanceof AwsCallError);
  assert.equal(e.code, 'UnauthorizedOperation');
  assert.equal(e.exitCode, 4);
  assert.equal(e.requestId, 'ec2-req-1');
  assert.match(e.message, /^DescribeAddresses was refused by AWS \(UnauthorizedOperation\).*IAM policy/);
});

test('EC2 RequestLimitExceeded → TransientError', async () => {
  const e = await ec2Failure(503, 'RequestLimitExceeded', 'Request limit exceeded.');
  assert.ok(e instanceof TransientError);
  assert.match(e.message, /^DescribeAddresses failed with a transient error \(RequestLimitExceeded\)/);
});

test('an EC2 message echoing an access key id is redacted', async () => {
  const e = await ec2Failure(401, 'AuthFailure', 'Key AKIAABCDEFGHIJKLMNOP was not able to be validated');
  assert.ok(e instanceof AwsCallError);
  assert.doesNotMatch(e.message, /AKIAABCDEFGHIJKLMNOP/);
});

test('a connect timeout says what happened: no connection to the endpoint within the connect bound (exit 5)', async () => {
  const port = await unansweredPortUrl();
  try {
    const requestHandler = new BoundedHttpHandler({ protocol: 'xml', service: 'EC2', bounds: { connectMs: 300 } });
    const ec2 = new EC2Client({ region: 'us-east-2', endpoint: port.url, credentials: CREDS, maxAttempts: 1, requestHandler });
    const err = await ec2.send(new DescribeAddressesCommand({})).then(
      () => undefined,
      (e: unknown) => e,
    );
    requestHandler.destroy();
    const e = mapAwsError('DescribeAddresses', err);
    assert.ok(e instanceof TransientError);
    assert.equal(e.exitCode, 5);
    assert.equal(
      e.message,
      `DescribeAddresses failed: no connection to EC2 at ${new URL(port.url).host} within 0.3 s. Retry DescribeAddresses: run the command again in a moment.`,
    );
  } finally {
    await port.close();
  }
});

test('tool errors pass through; non-AWS errors (bugs) are returned unchanged', () => {
  const usage = new UsageError('bad flag');
  assert.equal(mapAwsError('X', usage), usage);
  const bug = new TypeError('x is undefined');
  assert.equal(mapAwsError('X', bug), bug);
});

test('redactSecrets hides signatures and credentials scopes', () => {
  assert.equal(
    redactSecrets('Credential=AKIDX/20240101/us-east-2/ec2/aws4_request, Signature=' + 'a'.repeat(64)),
    'Credential=[redacted], Signature=[redacted]',
  );
});
