import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { hostOf, showCommand, type SshCommand } from './ssh-command.js';

/** A part of the SSH handshake where the guest offered nothing this client enables by default. */
export interface Mismatch {
  /** The ssh_config option that enables more of them. */
  option: 'KexAlgorithms' | 'HostKeyAlgorithms' | 'Ciphers' | 'MACs';
  /** What the guest offered (and this ssh knows). */
  offer: string[];
}

const KINDS: Record<string, { option: Mismatch['option']; query: string }> = {
  'key exchange method': { option: 'KexAlgorithms', query: 'kex' },
  'host key type': { option: 'HostKeyAlgorithms', query: 'key' },
  cipher: { option: 'Ciphers', query: 'cipher' },
  MAC: { option: 'MACs', query: 'mac' },
};

/**
 * "Unable to negotiate with H port P: no matching cipher found. Their offer:
 * aes128-cbc,3des-cbc". `known(query)` lists what this ssh supports (`ssh -Q
 * query`): the guest's offer is kept to those, which also drops pseudo-names
 * such as kex-strict-s-v00@openssh.com.
 */
export function parseMismatch(
  stderr: string,
  known: (query: string) => string[],
): Mismatch | undefined {
  const m =
    /Unable to negotiate with .*?: no matching (key exchange method|host key type|cipher|MAC) found\. Their offer: (\S+)/.exec(
      stderr,
    );
  const kind = m?.[1] ? KINDS[m[1]] : undefined;
  if (!m?.[2] || !kind) return undefined;
  const supported = new Set(known(kind.query));
  const offer = m[2].split(',').filter((a) => supported.has(a));
  return { option: kind.option, offer };
}

/** `-o` values (`Option=+alg,alg`) that enable what the guest offered, for this host only. */
export function legacyOptions(mismatches: readonly Mismatch[]): string[] {
  const options = mismatches
    .filter((m) => m.offer.length)
    .map((m) => `${m.option}=+${m.offer.join(',')}`);
  // Old sshds verify only SHA-1 (ssh-rsa) signatures of an RSA key; a modern
  // client signs with rsa-sha2-* unless ssh-rsa is enabled for that host.
  if (mismatches.some((m) => m.option === 'HostKeyAlgorithms' && m.offer.includes('ssh-rsa')))
    options.push('PubkeyAcceptedAlgorithms=+ssh-rsa');
  return options;
}

/** The guest's sshd offers only algorithms this client refuses by default. */
export class LegacyAlgorithmsError extends ToolError {
  constructor(
    message: string,
    /** `-o` values that enable them, e.g. "KexAlgorithms=+diffie-hellman-group1-sha1". */
    readonly options: string[],
    /** The same as a ~/.ssh/config stanza for that host only. */
    readonly stanza: string,
  ) {
    super(message);
    this.name = 'LegacyAlgorithmsError';
  }
}

/**
 * The refusal, with what enables the old algorithms for this guest only:
 * the `-o` options (in the --ssh-command to use) and the same as a
 * ~/.ssh/config stanza. Its first line is a whole sentence; the stanza
 * follows on its own lines.
 */
export function legacyError(
  target: string,
  ssh: SshCommand,
  mismatches: readonly Mismatch[],
): LegacyAlgorithmsError {
  const options = legacyOptions(mismatches);
  const offered = mismatches
    .map((m) => `${m.option} ${m.offer.length ? m.offer.join(',') : '(none this ssh supports)'}`)
    .join('; ');
  const guest = `guest ${printable(target)}`;
  if (!options.length) {
    return new LegacyAlgorithmsError(
      `${guest} offers only SSH algorithms that this ssh does not support at all (${printable(offered)}): use an OpenSSH client built with them, or update the guest's sshd`,
      [],
      '',
    );
  }
  const command = showCommand([ssh.program, ...options.flatMap((o) => ['-o', o]), ...ssh.args]);
  const host = hostOf(target);
  const stanza = [`Host ${host}`, ...options.map((o) => `    ${o.replace('=', ' ')}`)].join('\n');
  return new LegacyAlgorithmsError(
    `${guest} offers only old SSH algorithms that this ssh refuses by default (${printable(offered)}); enable them for this guest only with --ssh-command "${command}", or with these lines in ~/.ssh/config:\n${stanza}`,
    options,
    stanza,
  );
}
