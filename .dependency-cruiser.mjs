// Architecture rules, checked by `npm run lint:architecture` (dependency-cruiser over src/ and sandbox/).
// The floors of the layout (docs/design/tooling.md, "Architecture rules"): a folder imports only from
// the floors below it, never from a floor above and never from a peer on its own floor; the base files
// (src/*.ts) import no folder. The sandbox is a wing of its own: it imports nothing from src/, and only
// the CLI (which starts it) imports the sandbox. No import circles anywhere.

/** The floors of src/, top first. Folders on one floor are peers; folders not built yet are here already. */
const FLOORS = [
  ['cli'],
  ['doctor', 'iac', 'fleet', 'upgrade'],
  ['apply'],
  ['contacts'],
  ['plan'],
  ['render'],
  ['mission', 'facts'],
  ['aws'],
];

const folders = (floors) => `^src/(${floors.flat().join('|')})/`;

/** One rule per floor: nothing below may reach up to it, and its folders do not import each other. */
const floorRules = FLOORS.flatMap((floor, i) => {
  const rules = [];
  if (i > 0) {
    const above = FLOORS.slice(0, i).flat().join(', ');
    rules.push({
      name: `up-from-${floor.join('-')}`,
      comment: `${floor.join(', ')} may import only the floors below it, never ${above}`,
      severity: 'error',
      from: { path: folders([floor]) },
      to: { path: folders(FLOORS.slice(0, i)) },
    });
  }
  if (floor.length > 1) {
    rules.push({
      name: `across-${floor.join('-')}`,
      comment: `${floor.join(', ')} are peers on one floor: none imports another`,
      severity: 'error',
      from: { path: folders([floor]) },
      to: { path: folders([floor]), pathNot: '^src/$1/' },
    });
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import circle: two modules that can only be understood (and loaded) together',
      severity: 'error',
      from: { path: '^(src|sandbox)/' },
      to: { circular: true },
    },
    ...floorRules,
    {
      name: 'up-from-base',
      comment: 'the base files (src/*.ts) are the bottom floor: they import other base files only',
      severity: 'error',
      from: { path: '^src/[^/]+[.]ts$' },
      to: { path: '^src/[^/]+/' },
    },
    {
      name: 'sandbox-imports-src',
      comment: 'the sandbox is its own wing: it must not agree with the product by sharing its code',
      severity: 'error',
      from: { path: '^sandbox/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-imports-sandbox-outside-cli',
      comment: 'only the CLI (sandbox and demo commands) starts the sandbox',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'shipped-code-imports-dev-dependency',
      comment: 'src/ and sandbox/ ship (bundle, npm package): what they import must be a dependency, not a devDependency',
      severity: 'error',
      from: { path: '^(src|sandbox)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a climb for a type is still a climb in the picture.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
