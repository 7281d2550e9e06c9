"""Package states to compare: a folder as it is, or a git commit exported to a temporary folder.

A commit is exported with `git archive` and unpacked with tarfile's "data" filter, which refuses
absolute paths, '..', device files and links that lead outside the folder: a pull request's tree
is untrusted input. Nothing from the export is executed here.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .problems import ClaimsError, DataError, UsageError

# A local git command on a repository of this size takes well under a second; a hung one (a
# lock, a huge object) is stopped rather than stalling CI.
GIT_TIMEOUT_SECONDS = 120
# The whole tree of a commit of this package is a few megabytes; far more is a mistake or an attack.
MAX_EXPORT_BYTES = 512 * 1024 * 1024


def git(repo: Path, *args: str, binary: bool = False) -> str | bytes:
    """Run one git command in repo; its failure is a ClaimsError with git's own message."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=GIT_TIMEOUT_SECONDS,
                              check=False)
    except FileNotFoundError as exc:
        raise UsageError("git is not installed: comparing commits needs git") from exc
    except subprocess.TimeoutExpired as exc:
        raise DataError(f"git {args[0]} took over {GIT_TIMEOUT_SECONDS} s in {repo}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])} failed in {repo}: {message[-1] if message else done.returncode}")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace")


def resolve_commit(repo: Path, ref: str) -> str:
    """The full commit id a ref names (a branch, tag, HEAD~1, an id); usage error otherwise."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"{ref!r} is not a folder or a git ref")
    try:
        return git(repo, "rev-parse", "--verify", "--end-of-options", ref + "^{commit}").strip()
    except ClaimsError as exc:
        raise UsageError(f"{ref!r} is neither a folder nor a commit of the git repository {repo}") from exc


def export_commit(repo: Path, commit: str, target: Path, paths: tuple[str, ...] = ()) -> Path:
    """Unpack the tree of commit (only the given paths, when some are) into target (created); returns target."""
    data = git(repo, "archive", "--format=tar", commit, *(("--", *paths) if paths else ()), binary=True)
    if len(data) > MAX_EXPORT_BYTES:
        raise DataError(f"commit {commit[:12]} holds over {MAX_EXPORT_BYTES // 2**20} MiB: refusing to export it")
    target.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise DataError(f"cannot export commit {commit[:12]}: {exc}") from exc
    return target


@contextlib.contextmanager
def package_state(spec: str, repo: Path) -> Iterator[tuple[Path, str]]:
    """A folder to read (spec itself when it is a folder, else the export of the git ref spec
    from repo) and a label for reports (the folder, or "ref (commit id)")."""
    folder = Path(spec)
    if folder.is_dir():
        yield folder.resolve(), spec
        return
    commit = resolve_commit(repo, spec)
    with tempfile.TemporaryDirectory(prefix="claims-state-") as temporary:
        yield export_commit(repo, commit, Path(temporary) / "tree"), f"{spec} ({commit[:12]})"
