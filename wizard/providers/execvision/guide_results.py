"""The ExecVision checks on the guide's own settings (the window's rows and the report's lines).

The delivery check judges rule by rule (`findings.RULES`); the guide file names the settings the
vendor's guide lists. `setting_map(mode)` says which rules judge which setting: the connection,
cadence and Five9 rules go to the page of the delivery model the admin chose (push or pull), the
folder, naming and metadata rules to their shared pages. Settings no rule covers (the time zone
agreed with the implementation manager, the delivery model itself) stay manual.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.engine.results import CheckResult
from wizard.guides.schema import Guide
from wizard.providers.guide_fold import SettingMap, fold

SHARED: dict[str, tuple[str, ...]] = {
    "execvision.upload.data-subdirectory": ("execvision.data-folder", "execvision.write-access"),
    "execvision.upload.no-folders": ("execvision.no-directories",),
    "execvision.upload.formats": ("execvision.media-type", "execvision.other-files"),
    "execvision.upload.max-size": ("execvision.file-size",),
    "execvision.upload.frequency": ("execvision.cadence",),
    "execvision.names.pattern": ("execvision.recording-name",),
    "execvision.metadata.one-per-recording": ("execvision.metadata-pair", "execvision.metadata-parse"),
    "execvision.metadata.flat": ("execvision.metadata-nested",),
    "execvision.metadata.naming": ("execvision.metadata-name",),
    "execvision.metadata.fields": ("execvision.metadata-fields",),
    "execvision.metadata.updates": ("execvision.metadata-updates",),
}
PUSH: dict[str, tuple[str, ...]] = {
    "execvision.push.credentials": ("execvision.connection", "execvision.host-key"),
    "execvision.push.schedule": ("execvision.cadence",),
    "execvision.push.file-names": ("execvision.five9-info",),
}
PULL: dict[str, tuple[str, ...]] = {
    "execvision.pull.server": ("execvision.connection", "execvision.host-key", "execvision.read-access"),
    "execvision.pull.schedule": ("execvision.cadence",),
    "execvision.pull.file-names": ("execvision.five9-info",),
}


def setting_map(mode: str) -> SettingMap:
    """Setting id -> rule check ids, for the delivery model ``push`` or ``pull``."""
    return {**(PULL if mode == "pull" else PUSH), **SHARED}


def guide_results(guide: Guide, results: Iterable[CheckResult], mode: str) -> list[CheckResult]:
    """The delivery check's results as results of the guide's settings."""
    return fold(guide, setting_map(mode), results)
