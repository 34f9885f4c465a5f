"""A setting changed in another AWS console than its page's has its own link to that console.

On "CloudFront signing keys" the page's console is Secrets Manager, but the key pair and the
trusted key groups are set in CloudFront; on "IAM user for streaming URLs" the function's full name
is read in Lambda. Before, those rows offered no way there but the page's console button.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from tests.ui.wizard_support import signed_in, wait_checked

pytestmark = pytest.mark.slow
CLOUDFRONT = "https://console.aws.amazon.com/cloudfront/v4/home"
LAMBDA = "https://console.aws.amazon.com/lambda/home"


class Browser(QObject):
    """Takes the addresses the window asks the desktop to open, instead of a real browser."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_cloudfront_and_lambda_rows_open_their_own_console_until_confirmed(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _, window = signed_in(qtbot, demo_org, make_window, guide_id="amazon-connect", page_id="cloudfront-keys")
    page = window.guide_page("cloudfront-keys")
    key_pair = page.row("aws.cloudfront.key-pair")
    assert key_pair.console_button.isVisible(), "the CloudFront row has no link to CloudFront"
    assert key_pair.console_button.text() == "Open in the AWS console"
    assert CLOUDFRONT in key_pair.console_button.toolTip()
    assert page.row("aws.cloudfront.trusted-key-groups").console_button.isVisible()
    # A Secrets Manager row is changed in the page's own console: the button above the rows is enough.
    assert not page.row("aws.secrets.cloudfront-private-key").console_button.isVisible()

    browser = Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        key_pair.console_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert browser.opened == [CLOUDFRONT]

    key_pair.done_button.click()  # confirmed: nothing left to do there, so no link
    qtbot.waitUntil(lambda: key_pair.undo_button.isVisible(), timeout=10_000)
    assert not key_pair.console_button.isVisible()

    window.controller.go("page:streaming-iam-user")
    wait_checked(qtbot, window)
    row = window.guide_page("streaming-iam-user").row("aws.lambda.streaming-function-name")
    assert row.console_button.isVisible() and LAMBDA in row.console_button.toolTip()
