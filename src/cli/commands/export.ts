// Placeholder until this command lands (see the open issue); it refuses clearly rather than pretending.
import { UsageError } from '../../errors.ts';
import type { GlobalArgs, Io } from '../io.ts';

export async function runExport(_args: GlobalArgs, _io: Io): Promise<number> {
  throw new UsageError('gs-agent-config export is not available in this version');
}
