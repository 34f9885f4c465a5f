"""Window size and position, remembered between runs (QSettings in the config folder; no secrets)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from wizard.paths import config_dir

FILE_NAME = "window.ini"


def settings() -> QSettings:
    return QSettings(str(config_dir() / FILE_NAME), QSettings.Format.IniFormat)


def restore(window: QMainWindow, splitter: QSplitter | None = None) -> bool:
    """Put the window back where it was; False the first time (the caller picks a default size)."""
    store = settings()
    geometry = store.value("window/geometry")
    restored = bool(geometry) and window.restoreGeometry(geometry)
    if splitter is not None and store.value("window/splitter"):
        splitter.restoreState(store.value("window/splitter"))
    return restored


def save(window: QMainWindow, splitter: QSplitter | None = None) -> None:
    store = settings()
    store.setValue("window/geometry", window.saveGeometry())
    if splitter is not None:
        store.setValue("window/splitter", splitter.saveState())
    store.sync()
