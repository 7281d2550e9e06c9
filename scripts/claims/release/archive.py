"""SHA256SUMS and the zip, both the same bytes for the same files: names sorted, fixed times and modes."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

SUMS = "SHA256SUMS"
# The earliest time a zip entry can hold: no build clock leaks into the archive.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def release_files(directory: Path) -> list[str]:
    """Every file under directory, relative, '/'-separated, in code-point order."""
    return sorted(path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file())


def sha256sums(directory: Path) -> str:
    """GNU coreutils format: `sha256sum -c SHA256SUMS` in the release folder checks every file."""
    lines = []
    for rel in release_files(directory):
        if rel != SUMS:
            lines.append(f"{hashlib.sha256((directory / rel).read_bytes()).hexdigest()}  {rel}\n")
    return "".join(lines)


def write_zip(directory: Path, target: Path) -> None:
    """The folder as <folder name>/... entries, written beside target and renamed into place."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for rel in release_files(directory):
                entry = zipfile.ZipInfo(f"{directory.name}/{rel}", date_time=ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                entry.create_system = 3  # Unix, whatever machine builds it
                archive.writestr(entry, (directory / rel).read_bytes(), compresslevel=9)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
