import { spawn } from 'node:child_process';
import { ToolError } from '../shared/errors.js';
import { firstLine, printable } from '../shared/text.js';
import type { JsonReport } from './files.js';

/** How this tool is started again for a step: node, its flags, the CLI script. */
export type ToolCommand = readonly string[];

export interface ToolRun {
  code: number | null;
  /** The JSON report the run printed (--json), or one saying why there is none. */
  report: JsonReport;
}

/**
 * Runs this tool with `args` (a run with --json) and reads the report it
 * prints. A step runs the tool as a child rather than in this process so
 * that each phase's report is exactly what the same command prints by hand.
 */
export function runTool(tool: ToolCommand, args: readonly string[]): Promise<ToolRun> {
  const [cmd, ...pre] = tool;
  if (cmd === undefined) throw new Error('runTool: no command');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) =>
      reject(new ToolError(`cannot run ${cmd}: ${e.message} (is fix-clock-drift installed?)`)),
    );
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({ code, report: parseReport(stdout, stderr, code) });
    });
  });
}

function parseReport(stdout: string, stderr: string, code: number | null): JsonReport {
  try {
    const v = JSON.parse(stdout) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as JsonReport;
  } catch {
    // Said below.
  }
  const why = firstLine(stderr.replace(/^fix-clock-drift: /, '')) ?? 'no JSON report';
  return { error: printable(why), exitCode: code ?? 1 };
}
