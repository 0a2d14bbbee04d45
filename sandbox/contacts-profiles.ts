/**
 * The configs and mission profiles of the contacts stand-in (CreateConfig … DeleteMissionProfile):
 * dataflow-endpoint and tracking configs validated to the model, other config types stored as sent.
 */
import { randomUUID } from 'node:crypto';
import { errorResponse, invalidParameter, jsonResponse, notFound } from './groundstation-routes.ts';
import { CONFIG_TYPES } from './contacts-model.ts';
import { bodyOf, checkUuid, type Handler } from './contacts-http.ts';
import type { ContactsRoute } from './contacts-routes.ts';
import { configTypeOf, type StoredConfig, type StoredMissionProfile } from './contacts-store.ts';
import type { SandboxRequest, SandboxResponse } from './types.ts';

export interface ProfileContext {
  region: string;
  arn: (kind: string) => string;
  configs: Map<string, StoredConfig>;
  missionProfiles: Map<string, StoredMissionProfile>;
  list: (req: SandboxRequest, key: string, items: unknown[]) => SandboxResponse;
}

export function profileHandlers(ctx: ProfileContext) {
  const { configs, missionProfiles, arn } = ctx;
  const opts = { region: ctx.region };
  const configByArn = (a: string) => [...configs.values()].find((c) => c.arn === a);

  const createConfig: Handler = (req) => {
    const body = bodyOf(req, 'CreateConfigRequest');
    if (!body.ok) return body.response;
    const { name, configData, tags } = body.value as { name: string; configData: Record<string, unknown>; tags?: Record<string, string> };
    const id = randomUUID();
    const type = configTypeOf(configData);
    const c: StoredConfig = { id, type, arn: arn(`config/${type}/${id}`), name, configData, tags: { ...(tags ?? {}) } };
    configs.set(id, c);
    return jsonResponse(200, { configId: id, configType: type, configArn: c.arn });
  };

  const withConfig = (route: ContactsRoute, then: (c: StoredConfig) => SandboxResponse): SandboxResponse => {
    const [type, id] = route.labels;
    if (!(Object.values(CONFIG_TYPES) as string[]).includes(type))
      return invalidParameter(
        'configType',
        `Value '${type}' at 'configType' failed to satisfy constraint: Member must satisfy enum value set`,
      );
    const bad = checkUuid('configId', id);
    if (bad) return bad;
    const c = configs.get(id);
    return c && c.type === type ? then(c) : notFound(`Config ${type}/${id} not found`);
  };

  const getConfig: Handler = (_req, route) =>
    withConfig(route, (c) =>
      jsonResponse(200, {
        configId: c.id,
        configArn: c.arn,
        name: c.name,
        configType: c.type,
        configData: c.configData,
        tags: c.tags,
      }),
    );

  const deleteConfig: Handler = (_req, route) =>
    withConfig(route, (c) => {
      const user = [...missionProfiles.values()].find((p) => p.trackingConfigArn === c.arn || p.dataflowEdges.flat().includes(c.arn));
      if (user) return errorResponse(531, 'DependencyException', { message: `Config ${c.arn} is used by mission profile ${user.arn}` });
      configs.delete(c.id);
      return jsonResponse(200, { configId: c.id, configType: c.type, configArn: c.arn });
    });

  const createMissionProfile: Handler = (req) => {
    const body = bodyOf(req, 'CreateMissionProfileRequest');
    if (!body.ok) return body.response;
    const v = body.value as Omit<StoredMissionProfile, 'id' | 'arn' | 'region'> & { tags?: Record<string, string> };
    for (const a of [v.trackingConfigArn, ...v.dataflowEdges.flat(), ...(v.telemetrySinkConfigArn ? [v.telemetrySinkConfigArn] : [])]) {
      if (!configByArn(a)) return notFound(`Config ${a} not found`);
    }
    if (configByArn(v.trackingConfigArn)?.type !== 'tracking')
      return invalidParameter('trackingConfigArn', `${v.trackingConfigArn} is not a tracking config`);
    const id = randomUUID();
    missionProfiles.set(id, { ...v, id, arn: arn(`mission-profile/${id}`), region: opts.region, tags: { ...(v.tags ?? {}) } });
    return jsonResponse(200, { missionProfileId: id });
  };

  const withProfile = (route: ContactsRoute, then: (p: StoredMissionProfile) => SandboxResponse): SandboxResponse => {
    const bad = checkUuid('missionProfileId', route.labels[0]);
    if (bad) return bad;
    const p = missionProfiles.get(route.labels[0]);
    return p ? then(p) : notFound(`Mission profile ${route.labels[0]} not found`);
  };

  const getMissionProfile: Handler = (_req, route) =>
    withProfile(route, (p) =>
      jsonResponse(200, {
        missionProfileId: p.id,
        missionProfileArn: p.arn,
        name: p.name,
        region: p.region,
        contactPrePassDurationSeconds: p.contactPrePassDurationSeconds,
        contactPostPassDurationSeconds: p.contactPostPassDurationSeconds,
        minimumViableContactDurationSeconds: p.minimumViableContactDurationSeconds,
        dataflowEdges: p.dataflowEdges,
        trackingConfigArn: p.trackingConfigArn,
        telemetrySinkConfigArn: p.telemetrySinkConfigArn,
        tags: p.tags,
      }),
    );

  const deleteMissionProfile: Handler = (_req, route) =>
    withProfile(route, (p) => {
      missionProfiles.delete(p.id);
      return jsonResponse(200, { missionProfileId: p.id });
    });

  return {
    CreateConfig: createConfig,
    GetConfig: getConfig,
    ListConfigs: ((req) =>
      ctx.list(
        req,
        'configList',
        [...configs.values()].map((c) => ({ configId: c.id, configType: c.type, configArn: c.arn, name: c.name })),
      )) as Handler,
    DeleteConfig: deleteConfig,
    CreateMissionProfile: createMissionProfile,
    GetMissionProfile: getMissionProfile,
    ListMissionProfiles: ((req) =>
      ctx.list(
        req,
        'missionProfileList',
        [...missionProfiles.values()].map((p) => ({ missionProfileId: p.id, missionProfileArn: p.arn, region: p.region, name: p.name })),
      )) as Handler,
    DeleteMissionProfile: deleteMissionProfile,
  };
}
