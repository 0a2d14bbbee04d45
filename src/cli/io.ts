/** What the CLI needs from the process, injectable so tests can run main() in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** stdin is a terminal (destroy refuses without --yes there). */
  isTTY: boolean;
  /** stderr is a terminal: progress lines are shown (src/progress.ts), unless --json or --quiet. */
  errIsTTY?: boolean;
  cwd: string;
  /** Standard input, at most `maxBytes` + 1 bytes (so an oversized input is seen as such); `validate -`. */
  readStdin?(maxBytes: number): Promise<Uint8Array>;
  /** The host's wall clock (epoch ms; default Date.now): tests give a host whose clock is off. */
  wallClock?: () => number;
}

/** Reads stdin until its end or until more than `maxBytes` arrived (the rest is left unread). */
export function readProcessStdin(maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      process.stdin.off('data', onData).off('end', done).off('error', reject);
      process.stdin.pause();
      resolve(Buffer.concat(chunks));
    };
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size > maxBytes) done();
    };
    process.stdin.on('data', onData).once('end', done).once('error', reject);
  });
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
    const onError = Object.assign(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
        closed.add(s);
      },
      { quietOnEpipe: true },
    );
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
    errIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    readStdin: readProcessStdin,
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
