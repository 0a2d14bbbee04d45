/**
 * One private Handlebars environment (template-loader.ts): strict, no HTML escaping, and
 * only JSON-safe helpers.
 */
import type Handlebars from 'handlebars';
import { hb, loadTemplate } from './template-loader.ts';

/** JSON.stringify on one line: the only way a value enters a JSON template. */
hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
/** Comma list of integers ("0,1,48,49") for set_irq_affinity.sh. */
hb.registerHelper('cpuList', (value: unknown) => {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw new TypeError('cpuList needs an array of integers');
  return value.join(',');
});

const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate(name: string, context: object): string {
  let tpl = compiled.get(name);
  if (!tpl) {
    tpl = loadTemplate(name);
    compiled.set(name, tpl);
  }
  return tpl(context);
}
