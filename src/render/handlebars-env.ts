/**
 * One private Handlebars environment: strict (a missing field throws instead of rendering
 * empty), no HTML escaping (we emit config files), and only JSON-safe helpers.
 */
import Handlebars from 'handlebars';
import { readAsset } from '../assets.ts';

const hb = Handlebars.create();
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
    tpl = hb.compile(readAsset(`templates/${name}.hbs`), { strict: true, noEscape: true });
    compiled.set(name, tpl);
  }
  return tpl(context);
}
