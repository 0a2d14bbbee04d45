import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2ErrorXml, ec2ResponseXml, element } from '../../../sandbox/ec2-xml.ts';

test('text is escaped, undefined members omitted, arrays become <item>', () => {
  assert.equal(
    element('a', { b: '<x>&"\'', c: undefined, d: [1, true] }),
    '<a><b>&lt;x&gt;&amp;&quot;&apos;</b><d><item>1</item><item>true</item></d></a>',
  );
});

test('element names are checked, so request data cannot become markup', () => {
  assert.throws(() => element('a><script', 'x'), /invalid XML element name/);
});

test('response and error envelopes', () => {
  assert.equal(
    ec2ResponseXml('DescribeAddresses', 'r1', { addressesSet: [] }),
    '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeAddressesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
      '<requestId>r1</requestId><addressesSet></addressesSet></DescribeAddressesResponse>',
  );
  assert.equal(
    ec2ErrorXml('InvalidInstanceID.NotFound', "The instance ID 'i-<1>' does not exist", 'r2'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>' +
      '<Message>The instance ID &apos;i-&lt;1&gt;&apos; does not exist</Message></Error></Errors><RequestID>r2</RequestID></Response>',
  );
});
