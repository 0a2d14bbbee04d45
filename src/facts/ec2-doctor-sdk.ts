/**
 * The EC2 commands only `doctor` sends, named one by one (like ec2-sdk.ts) so the bundler
 * keeps just their serialisers; loaded lazily by route-tables.ts.
 */
export { DescribeInternetGatewaysCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
