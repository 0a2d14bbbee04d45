/**
 * export: the planned group as infrastructure as code, from the same plan apply uses, so the
 * two never disagree. The artifact goes to stdout; plan warnings go to stderr.
 */
import type { Runtime } from '../runtime.ts';
import type { Plan } from '../../types.ts';
import { display } from '../../display.ts';
import { InternalError } from '../../errors.ts';
import { formatAwscc } from '../../iac/format-awscc.ts';
import { formatCloudFormationJson, formatCloudFormationYaml } from '../../iac/format-cloudformation.ts';
import { exportableRequest } from '../../iac/request-shape.ts';
import { jsonText } from '../json-text.ts';
import type { FactsArgs } from '../ports.ts';
import { prepare } from './prepare.ts';

export type ExportFormat = 'cloudformation' | 'cloudformation-json' | 'terraform-awscc' | 'json';

export interface ExportArgs extends FactsArgs {
  mission: string;
  format: ExportFormat;
}

export function formatExport(plan: Plan, format: ExportFormat): string {
  switch (format) {
    case 'cloudformation':
      return formatCloudFormationYaml(plan);
    case 'cloudformation-json':
      return formatCloudFormationJson(plan);
    case 'terraform-awscc':
      return formatAwscc(plan);
    case 'json':
      return `${JSON.stringify(exportableRequest(plan.request), null, 2)}\n`;
    default:
      throw new InternalError(`unknown export format ${JSON.stringify(format)}`);
  }
}

export async function runExport(args: ExportArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const { plan } = await prepare(args, rt);
  const content = formatExport(plan, args.format ?? 'cloudformation');
  if (args.json) io.out(jsonText({ format: args.format, content, warnings: plan.warnings }));
  else {
    io.out(content.trimEnd());
    if (!args.quiet) for (const w of plan.warnings) io.err(display(`warning: ${w}`));
  }
  return 0;
}
