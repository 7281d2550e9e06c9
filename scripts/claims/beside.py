"""frictionless-py's checks run beside the rest of validate, in a forked process.

frictionless-py is the second engine of claims validate: its check of the descriptor, and its own
reading of every table. Importing it and reading the data takes about as long as loading and
checking the package ourselves, so on a machine with a second core a child process does it while
the parent loads and checks the package. The child sends plain values through a pipe: the
descriptor's problems first, then the data errors (descriptor.frictionless_data_errors), which the
parent may not need (they are used only when the layers before found nothing); it then stops the
child.

Only a process that validates once and ends forks (the command line says so with one_shot()),
and only while it has not loaded DuckDB, whose threads a fork would leave behind; the child then
imports frictionless-py beside the parent's work too. A long-lived process (a test run, a Python
session), a machine without fork (Windows) or with one core run the same checks in the process
itself when asked: the report is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from pathlib import Path

HEADER = struct.Struct("!Q")
_ONE_SHOT = False


def one_shot() -> None:
    """This process validates once and ends: validate may fork frictionless-py's checks."""
    global _ONE_SHOT
    _ONE_SHOT = True


def can_fork() -> bool:
    """Fork only a one-shot process, without DuckDB's threads, with a second core to run on."""
    return _ONE_SHOT and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and "duckdb" not in sys.modules


class FrictionlessChecks:
    """frictionless-py's findings on the package at root, read when asked for (descriptor
    problems first, then data errors). Use it as a context manager: leaving stops the child."""

    def __init__(self, root: Path, fork: bool | None = None):
        self.root = root
        self.pid: int | None = None
        self.reader = None
        if can_fork() if fork is None else fork:
            self._start()

    def _start(self) -> None:
        from . import descriptor

        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller
            code = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    _send(out, descriptor.frictionless_problems(self.root))
                    _send(out, descriptor.frictionless_data_errors(self.root))
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid, self.reader = pid, os.fdopen(read_end, "rb")

    def _receive(self):
        """The child's next message, or None when it ended without sending it."""
        if self.reader is None:
            return None
        header = self.reader.read(HEADER.size)
        if len(header) < HEADER.size:
            return None
        (size,) = HEADER.unpack(header)
        data = self.reader.read(size)
        return pickle.loads(data) if len(data) == size else None  # noqa: S301 - the bytes of our own child

    def descriptor_problems(self):
        """descriptor.frictionless_problems: the child's, or found here without a child."""
        from . import descriptor

        found = self._receive()
        if found is None:
            self.close()
            return descriptor.frictionless_problems(self.root)
        return found

    def data_errors(self):
        """descriptor.frictionless_data_errors, after descriptor_problems."""
        from . import descriptor

        found = self._receive()
        self.close()
        return descriptor.frictionless_data_errors(self.root) if found is None else found

    def close(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    def __enter__(self) -> FrictionlessChecks:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _send(out, value) -> None:
    data = pickle.dumps(value)
    out.write(HEADER.pack(len(data)) + data)
    out.flush()
