/** The steps of an agent upgrade the sandbox's stand-ins can be told to fail (once): `sandbox --fail-agent-step`. */
export const AGENT_STEPS = ['stop', 'install', 'daemon-reload', 'start'] as const;
export type AgentStep = (typeof AGENT_STEPS)[number];
