"""The one shape every validation finding takes, whatever layer or engine found it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding: file and 1-based line and column, the rule broken, how to fix it."""

    file: str
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    field: str = ""
    severity: str = "error"
    # (file, line, column, rule) of the root cause this problem follows from (rootcause.py), or ()
    follows_from: tuple = ()

    def as_dict(self) -> dict:
        data = asdict(self)
        cause = self.follows_from
        data["follows_from"] = dict(zip(("file", "line", "column", "rule"), cause)) if cause else None
        return data

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.severity} [{self.rule}] {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


class ClaimsError(Exception):
    """An expected failure: the CLI prints the message to stderr and exits with exit_code
    (1 for bad data, 2 for a usage error)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code
