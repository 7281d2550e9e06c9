"""All-or-nothing writes of package files, under a portable lock.

Every command that changes the package does it in one transaction:

    with transaction.Transaction(root) as txn:   # takes the lock, finishes an interrupted write
        package = load_package(root)              # read under the lock
        txn.write("claims/claims.csv", data)      # buffered: nothing is on disk yet
        txn.write("claims/attributions.csv", other)
    # leaving the block without an exception commits; an exception writes nothing

Commit is a redo journal (claims/.journal.json), written before anything else:

1. the journal, state "prepared", lists every file the transaction writes or creates;
2. each new content goes to a staged file beside its target (.<name>.pending), flushed to disk;
3. the journal is rewritten in state "committed" (one atomic rename): this is the commit point;
4. each staged file is renamed over its target; then the journal is removed.

A writer killed anywhere leaves the journal behind, and the next transaction (under the lock)
finishes it: a "prepared" journal is rolled back (staged and created files removed, targets
untouched), a "committed" one is rolled forward (the remaining renames done). Every table is
then as it was before the transaction or as it is after it, never between. Read-only commands
never recover (a pull request could carry a journal: validating must not change the checkout);
`claims validate` reports a pending journal instead.

The lock is filelock's: fcntl on POSIX, msvcrt on Windows, released by the operating system
when its process dies, so a killed writer never leaves the package locked. Nothing POSIX-only
is imported here, so every command runs on Windows.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from filelock import FileLock, Timeout

from .problems import DataError, UsageError, param

DESCRIPTOR = "datapackage.json"  # package.DESCRIPTOR: a package root is where it is
LOCK_FILE = "claims/.lock"
JOURNAL = "claims/.journal.json"
STAGED_SUFFIX = ".pending"
# A writer waits this long for another to finish (each takes seconds) before it gives up.
LOCK_TIMEOUT = 300
MAX_JOURNAL_BYTES = 2**20  # a journal lists file names: a larger one is not ours
# A file written for the first time gets what a plain open() would give it (0666 less the umask).
NEW_FILE_MODE = 0o666


def staged_path(root: Path, rel: str) -> Path:
    target = root / rel
    return target.with_name(f".{target.name}{STAGED_SUFFIX}")


def _safe_rel(rel: str) -> str:
    """A path inside the package (a journal could come from anywhere: check it before use)."""
    parts = Path(rel).parts
    if (not isinstance(rel, str) or not rel or rel.startswith(("/", "\\")) or "\\" in rel or ":" in rel
            or ".." in parts or not parts):
        raise DataError(f"{JOURNAL}: path {rel!r} leads outside the package; remove {JOURNAL} by hand")
    return rel


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder, and NTFS journals renames."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_file(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a leftover, or a symbolic link planted there: never written through
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    os.chmod(path, mode)


def file_mode(path: Path) -> int:
    """The permission bits a rewrite of path keeps: its own, or a new file's default."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE & ~_umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace one file atomically (temporary file beside it, then a rename), keeping its mode."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    mode = file_mode(path)
    try:
        _write_file(temporary, data, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _write_journal(root: Path, state: str, writes: list[str], created: list[str]) -> None:
    """Replace the journal atomically (its temporary file has a fixed name: recover removes a leftover)."""
    text = json.dumps({"state": state, "writes": writes, "created": created}, indent=1) + "\n"
    path = root / JOURNAL
    temporary = path.with_name(path.name + ".tmp")
    try:
        _write_file(temporary, text.encode("utf-8"), file_mode(path))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def pending(root: Path) -> str | None:
    """The state of an interrupted transaction ("prepared" or "committed"), or None."""
    path = root / JOURNAL
    if path.is_symlink():
        return "a symbolic link, not read"  # a pull request could link it to any file
    if not path.exists():
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_JOURNAL_BYTES + 1)
        if len(data) > MAX_JOURNAL_BYTES:
            return "too large to be one"
        return str(json.loads(data.decode("utf-8")).get("state"))
    except (OSError, ValueError, AttributeError, RecursionError):
        return "unreadable"


def recover(root: Path) -> str | None:
    """Finish an interrupted transaction (caller holds the lock): roll a committed one forward,
    roll a prepared one back. Returns what was done, or None when nothing was pending."""
    path = root / JOURNAL
    path.with_name(path.name + ".tmp").unlink(missing_ok=True)  # a journal never finished: not in force
    if path.is_symlink():
        raise DataError(f"{JOURNAL} is a symbolic link: remove it by hand")
    if not path.exists():
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        state, writes, created = journal["state"], journal["writes"], journal["created"]
        if state not in ("prepared", "committed") or not all(isinstance(r, str) for r in writes + created):
            raise ValueError(state)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{JOURNAL} is not a journal this toolkit wrote ({exc}): look at it and remove it "
                        "by hand") from exc
    for rel in writes + created:
        _safe_rel(rel)
    if state == "committed":
        for rel in writes:
            staged = staged_path(root, rel)
            if staged.exists():
                os.replace(staged, root / rel)
        for folder in {(root / rel).parent for rel in writes}:
            _fsync_dir(folder)
        done = "rolled forward"
    else:
        for rel in writes:
            staged_path(root, rel).unlink(missing_ok=True)
        for rel in created:
            (root / rel).unlink(missing_ok=True)
        done = "rolled back"
    path.unlink()
    _fsync_dir(path.parent)
    return done


@contextlib.contextmanager
def locked(root: Path):
    """Hold the package's write lock (claims/.lock) for a read-modify-write, after finishing
    any interrupted transaction. Two writers at once run one after the other, so neither
    loses the other's row."""
    lock_path = root / LOCK_FILE
    # Never create folders: outside a package the lock would be left behind in a stray
    # claims/ (or claims/claims/) before the command refuses.
    if not (root / DESCRIPTOR).is_file() or not lock_path.parent.is_dir():
        raise UsageError(f"{root} is not the root folder of a claims package (no {DESCRIPTOR} beside "
                         f"{Path(LOCK_FILE).parent}/): run the command inside one, or give its folder with {param('root')} DIR")
    try:
        lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout as exc:
        raise DataError(f"another claims command has been writing to this package for {LOCK_TIMEOUT} s "
                        f"({LOCK_FILE} is held): wait for it, or stop it") from exc
    try:
        recover(root)
        yield
    finally:
        lock.release()


class Transaction:
    """Several files written all together or not at all (see the module's docstring)."""

    def __init__(self, root: Path):
        self.root = root
        self.writes: dict[str, bytes] = {}
        self.created: list[str] = []
        self._lock: contextlib.AbstractContextManager | None = None

    def __enter__(self) -> Transaction:
        self._lock = locked(self.root)
        self._lock.__enter__()
        return self

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None:
                self.commit()
            else:
                self._discard()
        finally:
            self._lock.__exit__(None, None, None)

    def write(self, rel: str, data: bytes) -> None:
        """Replace (or create) rel with data when the transaction commits."""
        self.writes[_safe_rel(rel)] = data

    def read_bytes(self, rel: str) -> bytes:
        """rel as this transaction leaves it: its pending content, else the file's."""
        return self.writes[rel] if rel in self.writes else (self.root / rel).read_bytes()

    def create_now(self, rel: str, data: bytes) -> None:
        """Create a new file at once (for checks that read it before the commit), recorded in the
        journal first, so that a rollback or a kill removes it."""
        target = self.root / _safe_rel(rel)
        if target.exists() or target.is_symlink():
            raise DataError(f"{rel} already exists")
        self.created.append(rel)
        _write_journal(self.root, "prepared", [], self.created)
        _write_file(target, data, file_mode(target))
        _fsync_dir(target.parent)

    def prepare(self) -> list[str]:
        """Steps 1 and 2 of the commit: the journal "prepared", then every staged file. Returns
        the files written, in order."""
        writes = sorted(self.writes)
        _write_journal(self.root, "prepared", writes, self.created)
        for rel in writes:
            _write_file(staged_path(self.root, rel), self.writes[rel], file_mode(self.root / rel))
        return writes

    def commit(self) -> None:
        if not self.writes and not self.created:
            return
        try:
            writes = self.prepare()
            _write_journal(self.root, "committed", writes, self.created)
        except BaseException:
            self._discard()
            raise
        recover(self.root)

    def _discard(self) -> None:
        """Undo a transaction that has not reached its commit point (one that has is finished
        by the next transaction instead)."""
        if pending(self.root) == "committed":
            return
        for rel in self.writes:
            staged_path(self.root, rel).unlink(missing_ok=True)
        for rel in self.created:
            (self.root / rel).unlink(missing_ok=True)
        (self.root / JOURNAL).unlink(missing_ok=True)
