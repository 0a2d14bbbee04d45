/**
 * The part of @aws-sdk/client-ec2 the tool uses, named one by one so the bundler keeps only
 * these commands' serialisers (the client's protocol module covers ~600 operations); the
 * route-table and internet-gateway ones are doctor's (route-tables.ts). Loaded
 * lazily by withClient() in ec2.ts.
 */
export {
  EC2Client,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeInternetGatewaysCommand,
  DescribeManagedPrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
