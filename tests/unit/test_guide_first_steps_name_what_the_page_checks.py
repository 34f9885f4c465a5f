"""A page whose only check is that a package is installed says to install it, first.

Amazon Connect's "Before you start" once listed five descriptions of the features and none said to
install the Amazon Connect CTI adapter package, the one thing its check looks for.
"""

from __future__ import annotations

from wizard.guides.loader import load_guide


def test_amazon_connects_first_step_is_to_install_the_cti_adapter_package() -> None:
    page = load_guide("amazon-connect").page("before-you-start")
    [setting] = [s for s in page.settings if s.check == "package.installed"]
    first = page.instructions[0]
    assert first.lower().startswith(("install", "first install"))
    assert setting.params["name"] in first and "CTI adapter package" in first
