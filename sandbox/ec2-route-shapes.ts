/**
 * The VPC routing of a simulated host as EC2 rows (client-ec2 3.523.0 member names):
 * DescribeRouteTables and DescribeInternetGateways, for doctor's eip-public-subnet check.
 */
import type { Row } from './ec2-shapes.ts';
import type { XmlValue } from './ec2-xml.ts';
import type { SimulatedHost, SimulatedInternetGateway, SimulatedRoute, SimulatedRouteTable } from './types.ts';

export const ROUTE_TABLE_FILTERS = ['route-table-id', 'vpc-id', 'association.subnet-id', 'association.main', 'owner-id'];
export const INTERNET_GATEWAY_FILTERS = ['internet-gateway-id', 'attachment.vpc-id', 'owner-id'];

function routeXml(r: SimulatedRoute): XmlValue {
  const target =
    r.target === 'local' || r.target.startsWith('igw-')
      ? { gatewayId: r.target }
      : r.target.startsWith('nat-')
        ? { natGatewayId: r.target }
        : { networkInterfaceId: r.target };
  return {
    destinationCidrBlock: r.destination,
    ...target,
    origin: r.target === 'local' ? 'CreateRouteTable' : 'CreateRoute',
    state: r.state ?? 'active',
  };
}

export function routeTableRow(host: SimulatedHost, t: SimulatedRouteTable): Row {
  const assoc = (subnetId: string | undefined, i: number) => ({
    main: subnetId === undefined,
    routeTableAssociationId: `rtbassoc-0${t.routeTableId.slice(5, 20)}${i}`,
    routeTableId: t.routeTableId,
    subnetId,
    associationState: { state: 'associated' },
  });
  const associations = [...(t.main ? [assoc(undefined, 0)] : []), ...t.subnetIds.map((s, i) => assoc(s, i + 1))];
  return {
    xml: {
      routeTableId: t.routeTableId,
      vpcId: t.vpcId,
      ownerId: host.accountId,
      associationSet: associations,
      routeSet: t.routes.map(routeXml),
      propagatingVgwSet: [],
      tagSet: [],
    },
    fields: {
      'route-table-id': [t.routeTableId],
      'vpc-id': [t.vpcId],
      'association.subnet-id': t.subnetIds,
      'association.main': [String(t.main)],
      'owner-id': [host.accountId],
    },
  };
}

export function internetGatewayRow(host: SimulatedHost, g: SimulatedInternetGateway): Row {
  return {
    xml: {
      internetGatewayId: g.internetGatewayId,
      ownerId: host.accountId,
      attachmentSet: [{ vpcId: g.vpcId, state: 'available' }],
      tagSet: [],
    },
    fields: { 'internet-gateway-id': [g.internetGatewayId], 'attachment.vpc-id': [g.vpcId], 'owner-id': [host.accountId] },
  };
}
