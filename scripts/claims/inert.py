"""Output that cell text cannot take over: no terminal escape, no GitHub workflow command.

A cell is untrusted text, and commands print cells (show, sql, conflicts) and messages that
quote them (validate, the contribution commands). Printed raw, a cell could hold an escape
sequence that rewrites the terminal (ESC, the C1 controls), or a line that GitHub Actions
runs as a workflow command: a line whose first non-blank characters are "::" (add-mask,
stop-commands, error, ...) or any "##[" (the older syntax, matched anywhere in a line).

Every command writes through InertStream (installed on stdout and stderr by the CLI for the
command's run), which works line by line:

- control characters other than tab and line feed become \\uXXXX (the same text is then a
  valid JSON escape, so --json output still decodes to the original value);
- "##[" becomes "#\\u0023[" (likewise a JSON escape of the same text);
- a line that would start with "::" gets its first colon written as \\u003a.

The validator's own annotations (claims validate --format github) are the one exception:
they are built by report.py with GitHub's escaping of every value, and written with
`trusted`.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def inert_fragment(text: str) -> str:
    """Text that goes inside a line the toolkit builds (an annotation's value): controls and "##[" escaped."""
    return escape_controls(text).replace("##[", "#\\u0023[")


def inert_line(line: str) -> str:
    """One line (no line feed in it) made safe to print."""
    line = inert_fragment(line)
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[:len(line) - len(stripped)] + "\\u003a" + stripped[1:]
    return line


def inert_text(text: str) -> str:
    return "\n".join(inert_line(line) for line in text.split("\n"))


class InertStream(io.TextIOBase):
    """A text stream that passes whole lines, made inert, to the stream it wraps."""

    def __init__(self, raw):
        self.raw = raw
        self._partial = ""

    def write(self, text: str) -> int:
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        if lines:
            self.raw.write("".join(inert_line(line) + "\n" for line in lines))
        return len(text)

    def trusted(self, text: str) -> None:
        """Text the toolkit built and escaped itself (GitHub annotations)."""
        self.flush()
        self.raw.write(text)

    def flush(self) -> None:
        if getattr(self.raw, "closed", False):
            return  # the stream under it was closed first (a test runner's); io's finaliser flushes too
        if self._partial:
            self.raw.write(inert_line(self._partial))
            self._partial = ""
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):
        return getattr(self.raw, "encoding", "utf-8")

    def fileno(self) -> int:
        return self.raw.fileno()


def raw_stream(stream):
    """The stream under an InertStream (for writers that escape their own text, such as rich)."""
    return stream.raw if isinstance(stream, InertStream) else stream


def trusted(text: str, err: bool = False) -> None:
    """Write text the toolkit escaped itself, past the filter."""
    stream = sys.stderr if err else sys.stdout
    if isinstance(stream, InertStream):
        stream.trusted(text)
    else:
        stream.write(text)


@contextlib.contextmanager
def output():
    """Run a command with stdout and stderr made inert (nested uses wrap once)."""
    if isinstance(sys.stdout, InertStream):
        yield
        return
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = saved
