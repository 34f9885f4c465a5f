"""The provider sides in the window: panels on the guide pages, their checks, fixes and demo servers.

`install(controller)` (called by `wizard.ui.extensions` at start-up, so it imports nothing heavy)
adds to the controller:

- three ``provider_checks`` hooks: the voice providers (Aircall, RingCentral), the ExecVision
  delivery and the Amazon Connect AWS side; their results reach the runner as ``extra`` results,
  so the guide's rows, the side panel, the Summary and the report show them;
- one ``page_panels`` factory: the panel of the page being built (credentials, choices, checks);
- a fixer in front of the window's own: "Fix it for me" on the user identifiers opens the user
  mapping, on the bucket's CORS rule or the secret's keys the AWS fix; the rest goes to the door;
- in demo mode, the providers' demo servers beside the demo org, stopped when the window closes.
"""

from __future__ import annotations

from typing import Any

from wizard.ui.providers.hub import AWS, EXECVISION, VOICE, ProviderHub

#: (guide id, page id) -> (module, class) of the panel that page shows.
PANELS: dict[tuple[str, str], tuple[str, str]] = {
    ("aircall", "aircall-api-key"): ("wizard.ui.providers.aircall_panel", "AircallPanel"),
    ("ringcentral", "ringcentral-app"): ("wizard.ui.providers.ringcentral_panel", "RingCentralPanel"),
    ("ringcentral", "ringcentral-auth-provider"): ("wizard.ui.providers.ringcentral_panel", "RedirectUriPanel"),
    ("execvision", "choose-delivery"): ("wizard.ui.providers.execvision_panel", "DeliveryPanel"),
    ("amazon-connect", "cloudformation"): ("wizard.ui.providers.aws_panel", "AwsPanel"),
}
#: Pages that show the state of a side checked from another page, with a way back there.
STATUS_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "execvision": ("choose-delivery", ("sftp-push", "sftp-pull", "upload-folder", "recording-names", "metadata-files",
                                       "metadata-updates")),
    "amazon-connect": ("cloudformation", ("cloudfront-keys", "recordings-bucket-cors", "streaming-iam-user", "edge-lambda")),
}


def _voice_checks(hub: ProviderHub) -> Any:
    def run(conn: Any, guide: Any, facts: Any, page_ids: Any = None) -> list:
        if guide.id not in ("aircall", "ringcentral"):
            return []
        from wizard.providers.voice.window_checks import window_checks

        def confirmations() -> list:
            return list(hub.controller.confirmations.values())

        return window_checks(hub.voice, confirmations)(conn, guide, facts, page_ids)

    return run


def _side_checks(hub: ProviderHub, side: str, guide_id: str) -> Any:
    def run(conn: Any, guide: Any, facts: Any, page_ids: Any = None) -> list:
        session = hub.made(side)
        if guide.id != guide_id or session is None:
            return []
        from wizard.retry_words import shown_in

        with shown_in(_side_words(side)):  # what the checks advise is said in the window's words
            return session.provider_checks()(conn, guide, facts, page_ids)

    return run


def _side_words(side: str) -> Any:
    """The words a provider side's checks advise in, in the window: its panel's fields, never a command."""
    if side == EXECVISION:
        from wizard.ui.providers.execvision_panel import WINDOW_WORDS

        return WINDOW_WORDS
    from wizard.ui.providers.aws_panel import WINDOW_WORDS as AWS_WORDS

    return AWS_WORDS


def page_panel(controller: Any, guide: Any, page: Any, parent: Any) -> Any:
    """The panel a guide page shows under its instructions, or None."""
    import importlib

    hub = controller.provider_hub
    found = PANELS.get((guide.id, page.id))
    if found is not None:
        cls = getattr(importlib.import_module(found[0]), found[1])
        return cls(controller, hub, guide, page, parent)
    home, pages = STATUS_PAGES.get(guide.id, ("", ()))
    if page.id in pages:
        from wizard.ui.providers.side_status import SideStatus

        return SideStatus(controller, hub, EXECVISION if guide.id == "execvision" else AWS, guide, home, page, parent)
    return None


def install(controller: Any) -> None:
    """Plug the provider sides into the window (see the module's docstring)."""
    from wizard.ui.providers.fixer import ProviderFixer

    hub = ProviderHub(controller)
    controller.provider_hub = hub
    controller.provider_checks += [_voice_checks(hub), _side_checks(hub, EXECVISION, "execvision"),
                                   _side_checks(hub, AWS, "amazon-connect")]
    controller.page_panels.append(page_panel)
    controller.fixer = ProviderFixer(controller.fixer, hub)
    controller.guide_changed.connect(hub.guide_chosen)
    controller.demo_ready.connect(lambda _server: hub.guide_chosen())
    shutdown = controller.shutdown

    def shutdown_with_providers() -> None:  # the window calls controller.shutdown() when it closes
        shutdown()
        hub.stop()

    controller.shutdown = shutdown_with_providers


__all__ = ["AWS", "EXECVISION", "PANELS", "VOICE", "install", "page_panel"]
