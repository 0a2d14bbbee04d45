/**
 * A CloudFormation template from its text: JSON, or YAML with the intrinsic-function tags
 * parsed (not rejected). Pure: the caller reads the file. Anything that is not a template is a
 * UsageError (exit 2) naming the file and the line.
 */
import { parseDocument } from 'yaml';
import { UsageError } from '../errors.ts';
import { CFN_YAML_TAGS } from './cfn-intrinsics.ts';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, TemplateResource>;
  [section: string]: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`, ['a CloudFormation template is JSON or YAML']);
  }
}

function parseYaml(text: string, file: string): unknown {
  // CloudFormation reads YAML 1.1 (SnakeYAML); uniqueKeys: a duplicated key is an error there too.
  const doc = parseDocument(text, { version: '1.1', customTags: CFN_YAML_TAGS, uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const line = e.linePos?.[0];
    return `${file}${line ? `:${line.line}` : ''}: ${e.message.split('\n')[0]}`;
  });
  if (problems.length)
    throw new UsageError(
      `${file} is not a readable CloudFormation template (${problems.length} problem${problems.length > 1 ? 's' : ''})`,
      problems,
    );
  return doc.toJS({ maxAliasCount: 100 });
}

export function parseTemplate(text: string, file: string): CfnTemplate {
  const data = text.trimStart().startsWith('{') ? parseJson(text, file) : parseYaml(text, file);
  if (!isObject(data) || !isObject(data.Resources)) {
    throw new UsageError(`${file} is not a CloudFormation template: it has no Resources section`, [
      'pass a template (YAML or JSON) with a Resources mapping',
    ]);
  }
  const bad = Object.entries(data.Resources).filter(([, r]) => !isObject(r) || typeof r.Type !== 'string');
  if (bad.length) {
    throw new UsageError(
      `${file} is not a CloudFormation template: ${bad.length} resource(s) without a Type`,
      bad.map(([id]) => `Resources.${id}: expected a mapping with Type`),
    );
  }
  return data as CfnTemplate;
}
