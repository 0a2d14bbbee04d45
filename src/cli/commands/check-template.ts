// Placeholder until this command lands (see the open issue); it refuses clearly rather than pretending.
import { UsageError } from '../../errors.ts';
import type { GlobalArgs, Io } from '../io.ts';

export async function runCheckTemplate(_args: GlobalArgs, _io: Io): Promise<number> {
  throw new UsageError('gs-agent-config check-template is not available in this version');
}
