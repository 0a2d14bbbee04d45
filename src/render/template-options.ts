/**
 * Handlebars compile options of every template, shared by the run-time compiler and the
 * build's precompiler: strict (a missing field throws instead of rendering empty) and no
 * HTML escaping (we emit config files).
 */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;
