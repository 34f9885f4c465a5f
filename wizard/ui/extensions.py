"""Where other parts of the product plug into the window, without the window importing them.

A module listed in `EXTENSION_MODULES` may define ``install(controller)``; it is called once
when the window is built and may add:

- ``controller.provider_checks``: callables that judge provider-side settings during every check
  (see `wizard.ui.jobs.ProviderChecks`), e.g. the Aircall API key checked with Aircall;
- ``controller.page_panels``: factories ``(controller, guide, page, parent) -> QWidget | None``
  whose widget a guide page shows under its instructions (e.g. the API key fields).

``install`` runs during start-up: it must import its heavy modules inside the callables.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

log = logging.getLogger(__name__)

EXTENSION_MODULES: tuple[str, ...] = ("wizard.ui.providers",)


def install_extensions(controller: Any) -> list[str]:
    """Call every available extension's ``install``; returns the names installed."""
    installed = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        install = getattr(module, "install", None)
        if callable(install):
            install(controller)
            installed.append(name)
    return installed
