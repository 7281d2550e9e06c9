"""Progress of a long command: a bar on a terminal, one plain line per step otherwise (logs, CI)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Steps counted up to a known total. On a terminal a rich progress bar on stderr; otherwise
    one line per step, `release: [3/9] parquet: views`, so a log shows where a build stopped."""

    def __init__(self, total: int, label: str = "release", stream: TextIO | None = None,
                 terminal: bool | None = None):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.done = 0
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self._bar = None
        if self.terminal:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn

            self._bar = RichProgress(TextColumn(f"{label}: {{task.description}}"), BarColumn(), MofNCompleteColumn(),
                                     console=Console(file=self.stream), transient=True)
            self._task = self._bar.add_task("starting", total=total)
            self._bar.start()

    def step(self, description: str) -> None:
        """Announce the step about to run."""
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, description=description, completed=self.done - 1)
        else:
            self.stream.write(f"{self.label}: [{self.done}/{self.total}] {description}\n")
            self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self.total)
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
