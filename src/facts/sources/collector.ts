import { VERSION } from '../../shared/version.js';
import script from './collector.sh';

/** Where collector.sh names its own version; the build's VERSION goes in. */
const VERSION_PLACEHOLDER = '@FCD_VERSION@';

/**
 * The collector as shipped: a POSIX sh script that prints a facts bundle on
 * a guest (see collector.sh and README.md beside it), with this tool's
 * version written in, so a bundle names the collector that made it.
 */
export const COLLECTOR_SCRIPT: string = script.split(VERSION_PLACEHOLDER).join(VERSION);
