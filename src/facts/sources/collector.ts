import { VERSION } from '../../shared/version.js';
import files from './collector-files.sh';
import logs from './collector-logs.sh';
import records from './collector-records.sh';
import main from './collector.sh';

/** Where collector.sh names its own version; the build's VERSION goes in. */
const VERSION_PLACEHOLDER = '@FCD_VERSION@';
/** The line of collector.sh its parts go in place of. */
const PARTS_LINE = '# @FCD_PARTS@\n';

/**
 * The collector as shipped: one POSIX sh script that prints a facts bundle
 * on a guest (collector.sh with its parts put in, see README.md beside it),
 * with this tool's version written in, so a bundle names the collector that
 * made it.
 */
export const COLLECTOR_SCRIPT: string = main
  .replace(PARTS_LINE, () => `${records}\n${files}\n${logs}`)
  .split(VERSION_PLACEHOLDER)
  .join(VERSION);
