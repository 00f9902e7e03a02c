import { earlySessionLeft } from '../remote/early-session.js';
import { startSshEarly } from './early-ssh.js';
import { inputFromArgv, relaunchForLargeInput } from './relaunch.js';

const argv = process.argv.slice(2);
try {
  // Decided before the rest of the tool is loaded: see relaunch.ts.
  const relaunched = await relaunchForLargeInput(await inputFromArgv(argv));
  if (relaunched !== undefined) {
    process.exitCode = relaunched;
  } else {
    startSshEarly(argv);
    const { main } = await import('./main.js');
    process.exitCode = await main(argv);
  }
} catch (err) {
  process.stderr.write(`fix-clock-drift: ${String(err)}\n`);
  process.exitCode = 1;
}
// A connection started early that the run did not take keeps the event loop
// alive: exiting runs the exit hooks, which close it.
if (earlySessionLeft()) process.exit();
