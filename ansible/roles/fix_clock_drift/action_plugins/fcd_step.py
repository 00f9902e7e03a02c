# fcd_step: runs one fix-clock-drift step on the controller (argv, with a
# guest's output on stdin), as ansible.builtin.command would, in the worker
# Ansible has already forked for the task. The command module would ship
# itself and start a Python interpreter for each guest and step: about half
# a CPU-second each, more than the step itself, on every guest of a fleet.
# The role's tasks read rc, stdout and stderr; a non-zero status fails the
# task, as it does with the command module.
from __future__ import annotations

import subprocess

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("argv", "stdin"))
    # Reads only its own files on the controller; the tasks say check_mode: false.
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        argv = self._task.args.get("argv")
        # Words as the command module takes them: strings, and numbers as
        # written (an inventory's fcd_flags: ["--entries", 0]).
        if (
            not isinstance(argv, list)
            or not argv
            or not all(isinstance(a, (str, int, float)) and not isinstance(a, bool) for a in argv)
        ):
            raise AnsibleActionFail("fcd_step: argv must be a non-empty list of words")
        argv = [str(a) for a in argv]
        stdin = self._task.args.get("stdin", "")
        if not isinstance(stdin, str):
            raise AnsibleActionFail("fcd_step: stdin must be a string")
        try:
            done = subprocess.run(
                [to_bytes(a, errors="surrogate_or_strict") for a in argv],
                input=to_bytes(stdin, errors="surrogate_or_strict"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                check=False,
            )
        except OSError as e:
            raise AnsibleActionFail("fcd_step: cannot run %s: %s" % (argv[0], e))
        stdout = to_text(done.stdout, errors="surrogate_or_replace")
        stderr = to_text(done.stderr, errors="surrogate_or_replace")
        result.update(
            cmd=argv,
            rc=done.returncode,
            stdout=stdout.rstrip("\r\n"),
            stderr=stderr.rstrip("\r\n"),
            changed=False,
        )
        if done.returncode != 0:
            result["failed"] = True
            result["msg"] = "non-zero return code"
        return result
