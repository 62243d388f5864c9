"""Provides reading a file a person may have edited or been sent: safely, once, and bounded.

Only regular files are read (a named pipe or a device is refused before a byte is read), at
most :data:`MAX_FILE_BYTES` of them, and only as UTF-8 text (binary and UTF-16 files are
refused with the line of the first bad byte). Every problem is raised as a
:class:`~benchmark_tui.errors.FileProblem` made by the caller's ``problem`` factory, so it
names the file. :func:`read_bytes` and :func:`decode_text` are the two halves of
:func:`read_text`, for callers that need the bytes as well (to know later whether the file
changed, without reading it a second time).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from benchmark_tui.errors import FileProblem
from benchmark_tui.os_errors import hint_for, os_problem
from benchmark_tui.paths import is_folder

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A fully worked session is about 60 KB; anything this large is not one of our files."""

ProblemFactory = Callable[..., FileProblem]
"""Builds the error to raise: ``problem(path, what, hint, line=…, column=…)``."""


def read_text(path: Path, problem: ProblemFactory) -> str:
    """Read a UTF-8 text file, refusing binary, oversized and wrongly encoded files.

    ``decode_text(read_bytes(path, problem), path, problem)``: use the two when the bytes
    themselves are needed too (to know later whether the file changed), so it is read once.

    Args:
        path: the file to read.
        problem: builds the error to raise (a FileProblem subclass).
    """
    return decode_text(read_bytes(path, problem), path, problem)


def read_bytes(path: Path, problem: ProblemFactory) -> bytes:
    """Read a file's bytes, refusing anything but a regular file of at most the size limit.

    Only regular files are read: a named pipe would block the reader for ever and a device
    such as ``/dev/zero`` never ends, so both are refused before a byte is read.

    Args:
        path: the file to read.
        problem: builds the error to raise (a FileProblem subclass).
    """
    try:
        data = read_regular_file(path)
    except FileNotFoundError as err:
        raise problem(path, "file not found", "check the path and the file name") from err
    except IsADirectoryError as err:
        raise _folder(path, problem) from err
    except NotARegularFile as err:
        raise problem(path, f"this is not a regular file ({err.strerror})", _GIVE_A_FILE) from err
    except PermissionError as err:
        if is_folder(path):  # Windows reports a folder as "access denied"
            raise _folder(path, problem) from err
        raise problem(
            path,
            "you may not read this file, or open the folder it is in (permission denied)",
            "check its permissions and its folder's",
        ) from err
    except (OSError, ValueError) as err:  # ValueError: a NUL in the name
        if isinstance(err, OSError):
            raise problem(path, f"cannot read the file: {os_problem(err)}", hint_for(err)) from err
        raise problem(path, "the path holds a NUL character", "check the path") from err
    if len(data) > MAX_FILE_BYTES:
        raise problem(
            path,
            f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
            "this is not a benchmark-tui file; check you picked the right one",
        )
    return data


_GIVE_A_FILE = "give the path of a .yaml file"


class NotARegularFile(OSError):
    """The path is a named pipe, a device or a socket: reading it could wait for ever."""

    def __init__(self, path: Path) -> None:
        super().__init__(None, "it is a device, a pipe or a socket", str(path))


def read_regular_file(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file (at most ``limit`` + 1 of them), never waiting on a pipe.

    The file is opened without blocking (``O_NONBLOCK``, where the system has it: not on
    Windows) and checked to be a regular file before a byte is read, so a named pipe or a
    device put where a file was expected is refused at once instead of freezing the caller.

    Raises:
        NotARegularFile: a pipe, a device or a socket.
        IsADirectoryError: a folder.
        OSError: whatever else the system reported (FileNotFoundError when it is missing).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise NotARegularFile(path)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(fd)


def decode_text(data: bytes, path: Path, problem: ProblemFactory) -> str:
    """The text of a file's bytes (from :func:`read_bytes`): UTF-8, not binary, not UTF-16.

    Args:
        data: the file's bytes.
        path: the file they came from, named in every error.
        problem: builds the error to raise (a FileProblem subclass).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise problem(path, "the file is saved as UTF-16", "save it as UTF-8 text")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise problem(
            path,
            "this is a binary file, not YAML text",
            "open a .yaml file saved by benchmark-tui or a text editor",
            line=data.count(b"\n", 0, offset) + 1,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise problem(
            path,
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02X} cannot be read)",
            "save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
            line=line,
        ) from err


def _folder(path: Path, problem: ProblemFactory) -> FileProblem:
    return problem(path, "this is a folder, not a file", _GIVE_A_FILE)
