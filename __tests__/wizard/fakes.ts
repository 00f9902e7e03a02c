import { Writable } from 'node:stream';
import type { checkbox, select } from '@inquirer/prompts';
import type { Prompts, WizardIo } from '../../src/cli/wizard.js';

export type InputConfig = Parameters<Prompts['input']>[0];
export type SelectConfig<Value = unknown> = Parameters<typeof select<Value>>[0];
export type CheckboxConfig<Value = unknown> = Parameters<typeof checkbox<Value>>[0];
export type ConfirmConfig = Parameters<Prompts['confirm']>[0];
export type PromptContext = Parameters<Prompts['input']>[1];

/** The wizard's questions by a short name, told apart by their messages. */
export type Question = 'release' | 'arch' | 'pvclock' | 'lpj' | 'entries' | 'perEntry' | 'write';

const QUESTIONS: readonly [Question, RegExp][] = [
  ['release', /^Guest release/],
  ['arch', /^Architecture/],
  ['pvclock', /kvm-clock/],
  ['lpj', /^Loops per jiffy/],
  ['entries', /^Entries to edit/],
  ['perEntry', /^Decide each entry/],
  ['write', /^Write /],
];

export function questionOf(message: string): Question {
  const hit = QUESTIONS.find(([, re]) => re.test(message));
  if (!hit) throw new Error(`unknown question: ${message}`);
  return hit[0];
}

/** A choice as the wizard offered it to select or checkbox. */
export interface SeenChoice {
  name?: string;
  value: unknown;
  checked?: boolean;
  disabled?: boolean | string;
}

export type Asked =
  | { kind: 'input'; question: Question; config: InputConfig; context?: PromptContext }
  | { kind: 'select'; question: Question; config: SelectConfig; context?: PromptContext }
  | { kind: 'checkbox'; question: Question; config: CheckboxConfig; context?: PromptContext }
  | { kind: 'confirm'; question: Question; config: ConfirmConfig; context?: PromptContext };

/** An answer to give, or an error for the prompt to reject with; absent: accept the default. */
export type Answers = Partial<Record<Question, unknown>>;

/** An error as inquirer names its cancellations (ExitPromptError: Ctrl-C; AbortPromptError: the signal). */
export function promptError(name: 'ExitPromptError' | 'AbortPromptError'): Error {
  const err = new Error(`User force closed the prompt (${name})`);
  err.name = name;
  return err;
}

function choicesOf(config: SelectConfig | CheckboxConfig): SeenChoice[] {
  return config.choices.filter(
    (c): c is SeenChoice => typeof c === 'object' && c !== null && 'value' in c,
  );
}

function selectable(c: SeenChoice): boolean {
  return c.disabled === undefined || c.disabled === false;
}

/** What a person pressing Enter gets. */
function defaultAnswer(asked: Asked): unknown {
  switch (asked.kind) {
    case 'input':
      return asked.config.default ?? '';
    case 'confirm':
      return asked.config.default ?? true;
    case 'select': {
      const choices = choicesOf(asked.config);
      const chosen = choices.find((c) => selectable(c) && c.value === asked.config.default);
      return (chosen ?? choices.find(selectable))?.value;
    }
    case 'checkbox':
      return choicesOf(asked.config)
        .filter((c) => selectable(c) && c.checked === true)
        .map((c) => c.value);
  }
}

function cancellable<T>(p: Promise<T>): Promise<T> & { cancel: () => void } {
  return Object.assign(p, { cancel: () => undefined });
}

/**
 * Prompts that record what they were asked and answer from a script, the way
 * the real ones would: an input answer must pass the prompt's own validator,
 * a select answer must be one of its selectable choices.
 */
export function fakePrompts(answers: Answers = {}): { prompts: Prompts; asked: Asked[] } {
  const asked: Asked[] = [];
  const respond = <T>(a: Asked): Promise<T> & { cancel: () => void } => {
    asked.push(a);
    const scripted = a.question in answers ? answers[a.question] : undefined;
    if (scripted instanceof Error) return cancellable(Promise.reject(scripted));
    const answer = scripted === undefined ? defaultAnswer(a) : scripted;
    if (a.kind === 'input') {
      const verdict = a.config.validate?.(answer as string);
      if (verdict !== undefined && verdict !== true) {
        throw new Error(`the input prompt would refuse ${JSON.stringify(answer)}: ${verdict}`);
      }
    }
    if (
      a.kind === 'select' &&
      !choicesOf(a.config).some((c) => selectable(c) && c.value === answer)
    ) {
      throw new Error(`${JSON.stringify(answer)} is not a choice of "${a.config.message}"`);
    }
    return cancellable(Promise.resolve(answer as T));
  };
  const prompts: Prompts = {
    input: (config, context) =>
      respond<string>({ kind: 'input', question: questionOf(config.message), config, context }),
    confirm: (config, context) =>
      respond<boolean>({ kind: 'confirm', question: questionOf(config.message), config, context }),
    select: <Value>(config: SelectConfig<Value>, context?: PromptContext) =>
      respond<Value>({ kind: 'select', question: questionOf(config.message), config, context }),
    checkbox: <Value>(config: CheckboxConfig<Value>, context?: PromptContext) =>
      respond<Value[]>({
        kind: 'checkbox',
        question: questionOf(config.message),
        // Kept for reading; only its validate's parameter type is narrower than unknown's.
        config: config as unknown as CheckboxConfig,
        context,
      }),
  };
  return { prompts, asked };
}

/** An output stream that keeps what the wizard prints (not a TTY: no colour). */
export function collectingOut(): { out: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      done();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A WizardIo of fake prompts and a collecting stream. */
export function fakeIo(
  answers: Answers = {},
  signal?: AbortSignal,
): { io: WizardIo; asked: Asked[]; text: () => string } {
  const { prompts, asked } = fakePrompts(answers);
  const { out, text } = collectingOut();
  return { io: { prompts, out, ...(signal ? { signal } : {}) }, asked, text };
}
