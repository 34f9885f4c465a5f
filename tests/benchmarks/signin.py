"""What signing in costs: start-up imports, the demo-org sign-in, the preflight's requests.

    python -m tests.benchmarks.signin [--quick]

- Importing the sign-in view module must not load QtWebEngine (it is loaded when the view is
  first shown): measured in fresh processes, with QtWebEngine's own import cost beside it.
- A whole sign-in against the demo org through the loopback listener (an HTTP client plays the
  browser): authorize, login, consent, code exchange, refresh token into the keyring, preflight.
- The preflight's HTTP requests (target: 3, one of them a single composite request).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import Row, machine, table, timed

REPO = Path(__file__).resolve().parents[2]
IMPORT_VIEW = "import wizard.ui.signin.consent_view as v, sys; assert 'PySide6.QtWebEngineCore' not in sys.modules"
IMPORT_WEB = "import PySide6.QtWebEngineWidgets"


def _python(code: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True)


def _sign_in_rows(runs: int) -> list[Row]:
    import keyring

    from tests.conftest import DemoOAuth
    from tests.support.memory_keyring import MemoryKeyring
    from tests.support.signin import free_port, play_browser
    from wizard.demo import start_demo_org
    from wizard.salesforce.auth.connections import ConnectionStore
    from wizard.salesforce.auth.flow import OAuthClient
    from wizard.salesforce.auth.login_hosts import resolve_login_host
    from wizard.salesforce.auth.signin import SignInTarget, sign_in_with_loopback
    from wizard.salesforce.auth.vault import KeyringVault

    keyring.set_keyring(MemoryKeyring())
    server = start_demo_org("fresh")
    requests_made: list[float] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["ECI_WIZARD_CONFIG_DIR"] = folder
            username, password = server.default_login

            def sign_in() -> None:
                target = SignInTarget(resolve_login_host(server.instance_url, demo_mode=True),
                                      OAuthClient(port=free_port()), ca_bundle=server.ca_bundle)
                signed = sign_in_with_loopback(
                    target, alias="bench", store=ConnectionStore(), vault=KeyringVault(), timeout=30,
                    open_url=lambda url: play_browser(DemoOAuth(server), url, username=username, password=password))
                requests_made.append(float(signed.preflight.requests_made))

            values = timed(sign_in, runs)
    finally:
        server.stop()
    return [
        Row("sign-in through the loopback listener, demo org", "s", values, note="browser played by requests; incl. preflight"),
        Row("preflight HTTP requests", "requests", tuple(requests_made), target="3 (one composite)"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    runs = 2 if parser.parse_args().quick else 5
    rows = [
        Row("import the sign-in view module (fresh process)", "s", timed(lambda: _python(IMPORT_VIEW), runs),
            target="no QtWebEngine", note="includes Python and QtWidgets start"),
        Row("import QtWebEngineWidgets (fresh process)", "s", timed(lambda: _python(IMPORT_WEB), runs),
            note="paid only when the view is first shown"),
        *_sign_in_rows(runs),
    ]
    print(machine())
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
