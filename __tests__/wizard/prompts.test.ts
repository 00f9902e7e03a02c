import { localAccess } from '../../src/output/guest.js';
import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { askOptions, type Prompts } from '../../src/cli/wizard.js';
import { inspect } from '../../src/grub/inspect.js';
import {
  collectingOut,
  fakeIo,
  type Asked,
  type CheckboxConfig,
  type InputConfig,
  type PromptContext,
  type Question,
  type SelectConfig,
} from './fakes.js';
import { minimalRoot } from './helpers.js';

type Rendered = Awaited<ReturnType<typeof render>>;

function baseOptions(root: string): Options {
  return { ...DEFAULT_OPTIONS, root, rootGiven: true };
}

/** The wizard's own prompt configurations, as askOptions builds them for the 5.4 sample. */
async function wizardConfigs(): Promise<Map<Question, Asked>> {
  const { root } = minimalRoot();
  const base = baseOptions(root);
  const { io, asked } = fakeIo();
  await askOptions(base, await inspect(localAccess(base)), io);
  return new Map(asked.map((a) => [a.question, a]));
}

function inputConfig(configs: Map<Question, Asked>, q: Question): InputConfig {
  const a = configs.get(q);
  if (a?.kind !== 'input') throw new Error(`${q} is not an input prompt`);
  return a.config;
}

function selectConfig(configs: Map<Question, Asked>, q: Question): SelectConfig {
  const a = configs.get(q);
  if (a?.kind !== 'select') throw new Error(`${q} is not a select prompt`);
  return a.config;
}

function checkboxConfig(configs: Map<Question, Asked>, q: Question): CheckboxConfig {
  const a = configs.get(q);
  if (a?.kind !== 'checkbox') throw new Error(`${q} is not a checkbox prompt`);
  return a.config;
}

const RELEASE_ERROR = 'expected a RHEL release as MAJOR.MINOR, e.g. 5.4, 4.8 or 3.9';
const LPJ_ERROR = 'expected a whole number of loops per jiffy from 1 to 4294967295';

let configs: Map<Question, Asked>;
beforeAll(async () => {
  configs = await wizardConfigs();
});

/** Presses Enter and waits for the prompt to validate and draw again. */
async function enter(p: Rendered): Promise<void> {
  p.events.keypress('enter');
  await p.nextRender();
}

describe('the release question, on the real input prompt', () => {
  it('refuses "abc" with the release error, then accepts "5.4"', async () => {
    const p = await render(input, inputConfig(configs, 'release'));
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y) (5.4)');
    p.events.type('abc');
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y) abc');
    await enter(p);
    expect(p.getScreen()).toContain(RELEASE_ERROR);
    for (let i = 0; i < 3; i++) p.events.keypress('backspace');
    p.events.type('5.4');
    expect(p.getScreen()).not.toContain(RELEASE_ERROR);
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('5.4');
  });

  it.each(['5.4.1', '5,4', 'rhel5.4', '-1.0', 'five'])('refuses %j', async (typed) => {
    const p = await render(input, inputConfig(configs, 'release'));
    p.events.type(typed);
    await enter(p);
    expect(p.getScreen()).toContain(RELEASE_ERROR);
  });

  it('answers the detected default on Enter', async () => {
    const p = await render(input, inputConfig(configs, 'release'));
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('5.4');
  });

  it('replaces the default with what is typed', async () => {
    const p = await render(input, inputConfig(configs, 'release'));
    p.events.type('4.8');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('4.8');
  });

  it('drops the default on Backspace: Enter then has nothing, which is refused', async () => {
    const p = await render(input, inputConfig(configs, 'release'));
    p.events.keypress('backspace');
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y)');
    await enter(p);
    expect(p.getScreen()).toContain(RELEASE_ERROR);
    p.events.type('3.9');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('3.9');
  });

  it('fills the default in on Tab, for editing; Ctrl-U then clears it', async () => {
    const p = await render(input, inputConfig(configs, 'release'));
    p.events.keypress('tab');
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y) 5.4');
    p.events.keypress('backspace');
    p.events.type('3');
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y) 5.3');
    p.events.keypress({ name: 'u', ctrl: true });
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y)');
    p.events.type('4.8');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('4.8');
  });

  it('keeps the default on Ctrl-U alone (the default is not in the line)', async () => {
    const p = await render(input, inputConfig(configs, 'release'));
    p.events.keypress({ name: 'u', ctrl: true });
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('5.4');
  });

  it('rejects with AbortPromptError when the signal aborts (what Esc does)', async () => {
    const controller = new AbortController();
    const p = await render(input, inputConfig(configs, 'release'), { signal: controller.signal });
    controller.abort();
    await expect(p.answer).rejects.toMatchObject({ name: 'AbortPromptError' });
  });
});

describe('the lpj question, on the real input prompt', () => {
  it('accepts a blank answer (lpj left out)', async () => {
    const p = await render(input, inputConfig(configs, 'lpj'));
    expect(p.getScreen()).toBe('? Loops per jiffy (lpj); blank leaves lpj out');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('');
  });

  it.each(['abc', '0', '-5', '1.5', '4294967296'])('refuses %j', async (typed) => {
    const p = await render(input, inputConfig(configs, 'lpj'));
    p.events.type(typed);
    await enter(p);
    expect(p.getScreen()).toContain(LPJ_ERROR);
  });

  it('accepts a whole number', async () => {
    const p = await render(input, inputConfig(configs, 'lpj'));
    p.events.type('2394000');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('2394000');
  });
});

describe('the select, checkbox and confirm questions, on the real prompts', () => {
  it('arch: the first choice is highlighted; Down then Enter picks x86', async () => {
    const p = await render(select, selectConfig(configs, 'arch'));
    expect(p.getScreen()).toMatch(/❯ x86_64 \(64-bit, AMD64\/Intel 64\)\n {2}x86 \(32-bit/);
    p.events.keypress('down');
    expect(p.getScreen()).toMatch(/❯ x86 \(32-bit: i386, i586, i686\)/);
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe('x86');
  });

  it('kvm-clock: defaults to "no"; typing "y" jumps to "yes"', async () => {
    const p = await render(select, selectConfig(configs, 'pvclock'));
    expect(p.getScreen()).toContain('❯ no: the kernel lacks kvm-clock');
    p.events.type('y');
    expect(p.getScreen()).toContain('❯ yes: the kernel has kvm-clock');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toBe(true);
  });

  it('entries: Linux entries checked, Windows shown disabled with why; Space unchecks', async () => {
    const p = await render(checkbox, checkboxConfig(configs, 'entries'));
    const screen = p.getScreen();
    expect(screen).toContain('❯◉ 0: Red Hat Enterprise Linux Server (2.6.18-164.el5)');
    expect(screen).toContain(' ◉ 1: Red Hat Enterprise Linux Server (2.6.18-164.el5xen)');
    expect(screen).toContain(' ◉ 2: Red Hat Enterprise Linux Server (2.6.18-128.el5)');
    expect(screen).toContain('- 3: Windows Server 2003 boots no Linux kernel (chainloader +1)');
    p.events.keypress('down');
    p.events.keypress('space');
    expect(p.getScreen()).toContain('❯◯ 1: Red Hat Enterprise Linux Server (2.6.18-164.el5xen)');
    // Down skips the disabled Windows entry and wraps to the top.
    p.events.keypress('down');
    p.events.keypress('down');
    expect(p.getScreen()).toContain('❯◉ 0:');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toEqual([0, 2]);
  });

  it('entries: unchecking everything is refused (at least one entry)', async () => {
    const p = await render(checkbox, checkboxConfig(configs, 'entries'));
    p.events.keypress('i'); // invert: every selectable entry unchecked
    expect(p.getScreen()).not.toMatch(/◉/);
    await enter(p);
    expect(p.getScreen()).toContain('At least one choice must be selected');
    p.events.keypress('space');
    p.events.keypress('enter');
    await expect(p.answer).resolves.toEqual([0]);
  });

  it('write?: Enter says yes; "n" then Enter says no', async () => {
    const message = 'Write a and b? (grub.conf is not touched)';
    const yes = await render(confirm, { message, default: true });
    expect(yes.getScreen()).toBe(`? ${message} (Y/n)`);
    yes.events.keypress('enter');
    await expect(yes.answer).resolves.toBe(true);
    const no = await render(confirm, { message, default: true });
    no.events.type('n');
    no.events.keypress('enter');
    await expect(no.answer).resolves.toBe(false);
  });
});

/**
 * Prompts that render the real inquirer prompts on @inquirer/testing's
 * virtual terminal and hand each one to the test as it is asked, so the
 * test can drive askOptions key by key.
 */
class RealPrompts {
  private readonly shown: Rendered[] = [];
  private readonly waiting: ((r: Rendered) => void)[] = [];

  private show(r: Rendered): void {
    const w = this.waiting.shift();
    if (w) w(r);
    else this.shown.push(r);
  }

  /** The next prompt the wizard shows. */
  next(): Promise<Rendered> {
    const r = this.shown.shift();
    return r ? Promise.resolve(r) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private ask<T>(rendering: Promise<Rendered>): Promise<T> & { cancel: () => void } {
    const answer = rendering.then((r) => {
      this.show(r);
      return r.answer as Promise<T>;
    });
    return Object.assign(answer, { cancel: () => undefined });
  }

  readonly prompts: Prompts = {
    input: (config: InputConfig, context?: PromptContext) =>
      this.ask<string>(render(input, config, context)),
    confirm: (config, context) => this.ask<boolean>(render(confirm, config, context)),
    select: <Value>(config: SelectConfig<Value>, context?: PromptContext) =>
      this.ask<Value>(render(select<Value>, config, context)),
    checkbox: <Value>(config: CheckboxConfig<Value>, context?: PromptContext) =>
      this.ask<Value[]>(render(checkbox<Value>, config, context)),
  };
}

describe('askOptions driven key by key through the real prompts', () => {
  it('turns keystrokes into options', async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root);
    const real = new RealPrompts();
    const { out } = collectingOut();
    const options = askOptions(base, await inspect(localAccess(base)), {
      prompts: real.prompts,
      out,
    });

    let p = await real.next();
    expect(p.getScreen()).toBe('? Guest release (RHEL X.Y) (5.4)');
    p.events.type('4.9');
    p.events.keypress('enter');
    p = await real.next();
    expect(p.getScreen()).toContain('? Architecture');
    p.events.keypress('down');
    p.events.keypress('enter');
    p = await real.next();
    expect(p.getScreen()).toContain('kvm-clock');
    p.events.keypress('enter');
    p = await real.next();
    expect(p.getScreen()).toContain('Loops per jiffy');
    p.events.type('x');
    await enter(p);
    expect(p.getScreen()).toContain(LPJ_ERROR);
    p.events.keypress('backspace');
    p.events.type('1000');
    p.events.keypress('enter');
    p = await real.next();
    expect(p.getScreen()).toContain('Entries to edit');
    p.events.keypress('space'); // uncheck entry 0
    p.events.keypress('enter');
    // Entries 1 and 2 boot 5.4 and 5.3 kernels: asked whether to decide each on its own.
    p = await real.next();
    expect(p.getScreen()).toContain('Decide each entry');
    p.events.type('y');
    p.events.keypress('enter');

    await expect(options).resolves.toMatchObject({
      release: '4.9',
      arch: 'x86',
      pvclock: false,
      lpj: 1000,
      entries: { kind: 'indices', indices: [1, 2] },
      perEntry: true,
    });
  });
});
