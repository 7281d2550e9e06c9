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


# A parameter named in a message, written param("reason"): the library names it as the Python
# API does (reason), the command line as its option (--reason), so no library message names a
# command-line flag. The marker is a control character no message otherwise holds.
PARAM_MARK = "\x1f"


def param(name: str) -> str:
    """A parameter's name inside a message (see PARAM_MARK)."""
    return f"{PARAM_MARK}{name}{PARAM_MARK}"


class ClaimsError(Exception):
    """An expected failure, with a message that says what is wrong and how to fix it. Raised as
    one of its two kinds: UsageError (the request itself is wrong) or DataError (the package's
    data, or the file given, refuses it). The command line turns each kind into its exit code."""

    def __init__(self, message: str):
        super().__init__(message)
        self.template = message

    def render(self, name_param=lambda name: name) -> str:
        """The message, each parameter named by name_param (the API's name by default)."""
        parts = self.template.split(PARAM_MARK)
        return "".join(name_param(part) if index % 2 else part for index, part in enumerate(parts))

    def __str__(self) -> str:
        return self.render()


class UsageError(ClaimsError):
    """The request is wrong: an unknown name or value, a missing file, options that exclude each
    other, a folder that is no package. Nothing was read or written."""


class DataError(ClaimsError):
    """The package's data (or a file given to it) is wrong or refuses the change: a table that
    does not load, a quote not in its seed, a claim that breaks a rule. Nothing was written."""
