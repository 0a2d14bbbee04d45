/**
 * The Handlebars environment and how a template becomes a function: compiled from
 * templates/NAME.hbs on first use. The single-file bundle replaces this module with one that
 * holds the templates precompiled at build time and needs only the Handlebars runtime
 * (scripts/build.mjs), with the same TEMPLATE_OPTIONS.
 */
import Handlebars from 'handlebars';
import { readAsset } from '../assets.ts';
import { TEMPLATE_OPTIONS } from './template-options.ts';

export const hb = Handlebars.create();

export function loadTemplate(name: string): Handlebars.TemplateDelegate {
  return hb.compile(readAsset(`templates/${name}.hbs`), TEMPLATE_OPTIONS);
}
