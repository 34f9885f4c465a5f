""""Fix it for me" for provider settings, in front of the window's own fixer (the apply door).

Three fixes are not the door's to plan: the users' identifiers (``user_identifiers``: the admin
accepts matches in the user mapping dialog first), and the AWS bucket's CORS rule and the
secret's CloudFront keys (``aws.cors``, ``aws.secret``: AWS, not Salesforce). Those open their own
dialogs here; everything else goes to the window's fixer, after the provider entries were handed
to it (the RingCentral environment chosen on the provider page drives every URL the door writes).
"""

from __future__ import annotations

from typing import Any

from wizard.engine.results import CheckResult

USER_IDENTIFIERS = "user_identifiers"
AWS_FIXES = ("aws.cors", "aws.secret")


def fix_name(result: CheckResult) -> str:
    return (result.fix.fix_name or "") if result.fix is not None else ""


class ProviderFixer:
    """Routes provider fixes to their dialogs and the rest to ``inner`` (may be None)."""

    def __init__(self, inner: Any, hub: Any) -> None:
        self.inner = inner
        self.hub = hub
        if inner is not None and hasattr(inner, "undo_last"):
            self.undo_last = inner.undo_last  # the window's "Undo the last fix…" menu item

    def can_fix(self, result: CheckResult) -> bool:
        name = fix_name(result)
        if name == USER_IDENTIFIERS:
            return result.guide_id in ("aircall", "ringcentral")
        if name in AWS_FIXES:
            aws = self.hub.made("aws")
            return aws is not None and aws.access is not None
        return self.inner is not None and self.inner.can_fix(result)

    def fix(self, parent: Any, results: list[CheckResult], controller: Any) -> bool:
        if not results:
            return False
        first = results[0]
        name = fix_name(first)
        if name == USER_IDENTIFIERS:
            from wizard.ui.providers.mapping_dialog import open_mapping

            return open_mapping(parent, controller, self.hub, first.guide_id)
        if name in AWS_FIXES:
            from wizard.ui.providers.aws_fix_dialog import AwsFixDialog

            dialog = AwsFixDialog(controller, self.hub.aws, name, parent)
            dialog.exec()
            return dialog.changed
        if self.inner is None:
            return False
        self._hand_over_entries(controller)
        return bool(self.inner.fix(parent, results, controller))

    def _hand_over_entries(self, controller: Any) -> None:
        """The RingCentral environment chosen on the provider page, for the door's plans."""
        voice = self.hub.made("voice")
        if voice is None or voice.ringcentral is None or not hasattr(self.inner, "session"):
            return
        from wizard.providers.voice.apply_link import apply_inputs

        session = self.inner.session(controller)
        session.inputs = apply_inputs(voice.ringcentral, session.inputs)
