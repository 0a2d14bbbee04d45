/**
 * check-template: report the cross-field problems of a CloudFormation template's dataflow
 * endpoint groups. One line per finding (`<logical id> <property path>: <what>`); exit 6 when
 * there are problems, 0 when clean (computed values are listed but are not problems), 2 when
 * the file cannot be read or is not a template.
 */
import type { Runtime } from '../runtime.ts';
import { readFile, stat } from 'node:fs/promises';
import { displayLines } from '../../display.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { checkTemplate, formatFinding } from '../../iac/check-template.ts';
import { parseTemplate } from '../../iac/read-template.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';

/** CloudFormation itself takes at most 1 MB from S3; anything far larger is not a template. */
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

async function readTemplateText(file: string): Promise<string> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('it is not a regular file');
    if (s.size > MAX_TEMPLATE_BYTES) throw new Error(`it is ${s.size} bytes; a CloudFormation template is at most 1 MB`);
    return await readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.message;
    throw new UsageError(`cannot read template ${file}: ${why}`, ['pass a CloudFormation template file (YAML or JSON)']);
  }
}

export async function runCheckTemplate(args: GlobalArgs & { template: string }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const template = parseTemplate(await readTemplateText(args.template), args.template);
  const { groups, findings } = checkTemplate(template);
  const problems = findings.filter((f) => f.severity === 'problem').length;
  const unchecked = findings.length - problems;
  if (args.json) io.out(jsonText({ file: args.template, groups, problems, unchecked, findings }));
  else if (!args.quiet || problems) {
    const lines = findings.map(formatFinding);
    const kinds = [...new Set(groups.map((g) => g.type))].join(', ');
    lines.push(
      groups.length
        ? `${args.template}: ${problems} problem${problems === 1 ? '' : 's'}, ${unchecked} value${unchecked === 1 ? '' : 's'} not checked (computed), in ${groups.length} dataflow endpoint group${groups.length === 1 ? '' : 's'} (${kinds})`
        : `${args.template}: no AWS::GroundStation::DataflowEndpointGroupV2 or DataflowEndpointGroup resource found`,
    );
    io.out(displayLines(lines));
  }
  return problems ? EXIT.problems : EXIT.ok;
}
