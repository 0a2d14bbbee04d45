/** What the CLI needs from the process, injectable so tests can run main() in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** stdin is a terminal (destroy refuses without --yes there). */
  isTTY: boolean;
  cwd: string;
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
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
