/**
 * The part of @aws-sdk/client-ec2 the tool uses, named one by one so the bundler keeps only
 * these commands' serialisers (the client's protocol module covers ~600 operations). Loaded
 * lazily by withClient() in ec2.ts.
 */
export {
  EC2Client,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
