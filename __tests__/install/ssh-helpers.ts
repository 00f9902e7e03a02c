import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A fake applet that stops at its Nth call (counted from the hold) while
 * /.fcd/NAME.hold holds N, and says so with /.fcd/NAME.entered: a test acts
 * on the guest-side script at that point, then removes the hold.
 */
export function holding(name: string): string {
  return `n=$(cat /.fcd/${name}.calls 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > /.fcd/${name}.calls
if [ -f /.fcd/${name}.hold ] && [ "$(cat /.fcd/${name}.hold)" = "$n" ]; then
  : > /.fcd/${name}.entered
  while [ -f /.fcd/${name}.hold ]; do sleep 0.05; done
fi
real "$@"
`;
}

/** Holds the `call`th call of `command` from now on, in the guest whose tree is `view`. */
export function hold(
  view: string,
  command: string,
  call: number,
): { entered: string; release: () => void } {
  const fcd = path.join(view, '.fcd');
  rmSync(path.join(fcd, `${command}.calls`), { force: true });
  rmSync(path.join(fcd, `${command}.entered`), { force: true });
  writeFileSync(path.join(fcd, `${command}.hold`), `${call}\n`);
  return {
    entered: path.join(fcd, `${command}.entered`),
    release: () => rmSync(path.join(fcd, `${command}.hold`), { force: true }),
  };
}

export function backupsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.bak-\d{8}-\d{6}(-\d+)?$/.test(n))
    .sort();
}
