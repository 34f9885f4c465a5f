"""Replace a file whole: write a temporary file beside it, then rename it over the target.

Everything the wizard writes to disk goes through here: the reports and profiles an admin asks
for, and the files the wizard keeps for itself (backups, which undo starts from; saved
connections; its saved place; pinned SFTP host keys). A crash, a full disk or a killed process
then leaves the old file or the new one, never half of one: half a backup would make an undo
impossible, half of ``connections.json`` would lose every saved sign-in.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from secrets import token_hex

PRIVATE_MODE = 0o600  # the wizard's own files: only this user reads its orgs' set-up
SHARED_MODE = 0o666  # files meant to be handed on (reports): the user's umask decides, as for any new file


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` as the whole of ``path`` (creating its folder). A device or a pipe at the
    target is refused: renaming over it would replace it, not write into it. The data is flushed
    to disk before the rename, so a power cut cannot leave an empty file behind the new name.
    An `OSError` about the temporary file names ``path`` instead: that is the file to act on."""
    if path.exists() and not path.is_file():
        raise FileExistsError(errno.EEXIST, "it exists and is not an ordinary file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE if private else SHARED_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.filename == str(tmp):  # the admin knows the file they asked for, not its temporary twin
            exc.filename = str(path)
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
