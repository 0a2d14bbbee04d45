/** What the CLI needs from the process, injectable so tests can run main() in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** stdin is a terminal (destroy refuses without --yes there). */
  isTTY: boolean;
  cwd: string;
}

const closed = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that went away (`gs-agent-config facts | head -1`) closes our stdout: Node then
 * emits EPIPE as an 'error' event, which would crash the run. Like Unix tools, stop writing to
 * that stream and let the run end normally (cleanup included). Idempotent.
 */
export function quietOnClosedOutput(): void {
  for (const s of [process.stdout, process.stderr]) {
    if (s.listeners('error').some((l) => (l as { quietOnEpipe?: boolean }).quietOnEpipe)) continue;
    const onError = Object.assign((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
      closed.add(s);
    }, { quietOnEpipe: true });
    s.on('error', onError);
  }
}

function writer(s: NodeJS.WriteStream): (t: string) => void {
  return (t) => {
    if (!closed.has(s) && !s.destroyed) s.write(t.endsWith('\n') ? t : `${t}\n`);
  };
}

export function processIo(): Io {
  quietOnClosedOutput();
  return {
    out: writer(process.stdout),
    err: writer(process.stderr),
    env: process.env,
    isTTY: Boolean(process.stdin.isTTY),
    cwd: process.cwd(),
  };
}

export interface GlobalArgs {
  root: string;
  sysRoot?: string;
  procRoot?: string;
  /** Seconds the whole run may take (--deadline). */
  deadline: number;
  json: boolean;
  debug: boolean;
  quiet: boolean;
}
