import type { Options } from '../shared/options.js';
import { known, unknown, type Facts } from './types.js';

/** The facts the flags settle; what they leave open is `unknown` until detection fills it. */
export function factsFromOptions(o: Options): Facts {
  return {
    release:
      o.release !== undefined ? known(o.release, '--release') : unknown('no --release given'),
    arch: o.arch !== undefined ? known(o.arch, '--arch') : unknown('no --arch given'),
    pvclock:
      o.pvclock === undefined
        ? unknown('neither --pvclock nor --no-pvclock given')
        : known(o.pvclock, o.pvclock ? '--pvclock' : '--no-pvclock'),
    lpj:
      o.lpj === undefined
        ? unknown('no --lpj given')
        : o.lpj === false
          ? { value: undefined, source: '--no-lpj' }
          : known(o.lpj, '--lpj'),
  };
}
