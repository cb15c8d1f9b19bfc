"""Writing files so that a crash or a locked target never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from scheduler.i18n import add_translations, tr

add_translations({
    "The folder {folder} does not exist; choose another place to save {name}.":
        "La carpeta {folder} no existe; elige otro lugar para guardar {name}.",
    "Cannot write {target}: a folder has that name. Choose another file name.":
        "No se puede escribir {target}: ya hay una carpeta con ese nombre. Elige otro nombre de archivo.",
    "Cannot write {target}: the file is open in another program or read-only. "
    "Close it (e.g. in Excel) or choose another name.":
        "No se puede escribir {target}: el archivo está abierto en otro programa o es de solo lectura. "
        "Ciérralo (por ejemplo, en Excel) o elige otro nombre.",
    "Cannot write {target} ({reason}). Check the free disk space and that "
    "the folder is writable, or choose another place; the existing file was not changed.":
        "No se puede escribir {target} ({reason}). Comprueba que queda espacio libre en el disco y que "
        "se puede escribir en la carpeta, o elige otro lugar; el archivo existente no se ha modificado.",
})


class ExportError(Exception):
    """A file could not be written; the message says why and what to do."""


def atomic_write(target: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` then move the finished file onto ``target``.

    The target is replaced in one step or not at all. A target that is open
    in another program (locked) or read-only raises :class:`ExportError`.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(tr("The folder {folder} does not exist; choose another place to save {name}.").format(
            folder=folder, name=target.name))
    if target.is_dir():
        raise ExportError(tr("Cannot write {target}: a folder has that name. Choose another file name.").format(
            target=target))
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=folder)
        os.close(fd)
        tmp = Path(tmp_name)
        write(tmp)
        os.replace(tmp, target)
    except PermissionError:
        raise ExportError(tr(
            "Cannot write {target}: the file is open in another program or read-only. "
            "Close it (e.g. in Excel) or choose another name."
        ).format(target=target)) from None
    except OSError as error:  # disk full, read-only medium, name too long …
        raise ExportError(tr(
            "Cannot write {target} ({reason}). Check the free disk space and that "
            "the folder is writable, or choose another place; the existing file was not changed."
        ).format(target=target, reason=error.strerror or error)) from None
    finally:
        if tmp is not None and tmp.exists():
            tmp.unlink()
    return target
