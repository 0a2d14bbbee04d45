#!/usr/bin/env bash
# The peer of a no-change `gs-agent-config apply` that a user would otherwise write: curl for
# IMDSv2, the AWS CLI and jq. Same job, same endpoints: read the host (token, identity document,
# every interface's leaves), check its addresses and instance with EC2, find the host's Dataflow
# Endpoint Group by its ownership tag, read it, render the agent config and write it only when it
# changed. npm run bench times it against apply (scripts/bench.mjs); it is not part of the tool.
#
#   scripts/peer-apply.sh OUT_DIR     (the sandbox's environment exported: AWS_*, endpoints)
set -euo pipefail
out=${1:?usage: peer-apply.sh OUT_DIR}
mkdir -p "$out"
imds=${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}
imds=${imds%/}
# The AWS CLI v1 reads no AWS_ENDPOINT_URL_<SERVICE>: pass each endpoint the sandbox gives.
ep() { local v="AWS_ENDPOINT_URL_$1"; if [ -n "${!v:-}" ]; then printf -- '--endpoint-url\n%s\n' "${!v}"; fi; }
mapfile -t ec2_ep < <(ep EC2)
mapfile -t gs_ep < <(ep GROUNDSTATION)
mapfile -t tag_ep < <(ep RESOURCE_GROUPS_TAGGING_API)

token=$(curl -sf -m 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$imds/latest/api/token")
get() { curl -sf -m 2 -H "X-aws-ec2-metadata-token: $token" "$imds/latest/$1"; }
doc=$(get dynamic/instance-identity/document)
instance=$(jq -r .instanceId <<<"$doc")
region=$(jq -r .region <<<"$doc")
interfaces='[]'
for mac in $(get meta-data/network/interfaces/macs/ | tr -d /); do
  base=meta-data/network/interfaces/macs/$mac
  iface=$(jq -n --arg mac "$mac" --arg device "$(get "$base/device-number")" --arg id "$(get "$base/interface-id")" \
    --arg subnet "$(get "$base/subnet-id")" --arg private "$(get "$base/local-ipv4s" | head -1)" \
    --arg public "$(get "$base/public-ipv4s" 2>/dev/null | head -1 || true)" \
    '{mac: $mac, device: ($device | tonumber), id: $id, subnet: $subnet, private: $private, public: $public}')
  interfaces=$(jq --argjson i "$iface" '. + [$i]' <<<"$interfaces")
done
public=$(jq -r '[.[] | select(.public != "")][0].public' <<<"$interfaces")

aws --region "$region" "${ec2_ep[@]}" ec2 describe-instances --instance-ids "$instance" --output json >"$out/instance.json"
aws --region "$region" "${ec2_ep[@]}" ec2 describe-addresses --public-ips "$public" --output json >"$out/addresses.json"
jq -e '.Addresses | length == 1' "$out/addresses.json" >/dev/null || { echo "peer: $public is not an Elastic IP" >&2; exit 1; }

arn=$(aws --region "$region" "${tag_ep[@]}" resourcegroupstaggingapi get-resources \
  --resource-type-filters groundstation:dataflow-endpoint-group \
  --tag-filters "Key=gs-agent-config:instance-id,Values=$instance" --output json | jq -r '.ResourceTagMappingList[0].ResourceARN')
group=$(aws --region "$region" "${gs_ep[@]}" groundstation get-dataflow-endpoint-group \
  --dataflow-endpoint-group-id "${arn##*/}" --output json)

jq -n --argjson group "$group" --argjson interfaces "$interfaces" --arg region "$region" '{
  registrationRegion: $region,
  taskRoleArn: "",
  dataflowEndpoints: [$group.endpointsDetails[]
    | (.downlinkAwsGroundStationAgentEndpoint // .uplinkAwsGroundStationAgentEndpoint // empty)
    | .name as $name | .dataflowDetails.agentConnectionDetails as $c | {
      name: $name,
      agent: $c.agentIpAndPortAddress,
      egress: $c.egressAddressAndPort,
      interface: ([$interfaces[] | select(.public == $c.agentIpAndPortAddress.socketAddress.name) | .mac][0])
    }]
}' >"$out/aws-gs-agent-config.json.new"
if cmp -s "$out/aws-gs-agent-config.json.new" "$out/aws-gs-agent-config.json"; then
  rm "$out/aws-gs-agent-config.json.new"
  echo "no change"
else
  mv "$out/aws-gs-agent-config.json.new" "$out/aws-gs-agent-config.json"
  echo "written $out/aws-gs-agent-config.json"
fi
