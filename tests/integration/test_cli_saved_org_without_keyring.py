"""A saved sign-in used where no keyring answers is explained in words, with the ways on.

The refresh token of a saved alias lives in the system keyring; in a session without one (a
server shell, a locked or absent keyring), ``--org ALIAS`` cannot work, and signing in again would
not help either. The admin is told that, without the keyring library's class path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAVED = ('{"connections": {"acme": {"alias": "acme", "org_id": "00D000000000001AAA", "user_id": "005000000000001AAA", '
         '"username": "admin@acme.example", "instance_url": "https://acme.my.salesforce.com", '
         '"my_domain_url": "https://acme.my.salesforce.com", "login_url": "https://acme.my.salesforce.com", '
         '"is_sandbox": false, "org_name": "Acme", "client_id": "PlatformCLI"}}}')


def test_a_saved_org_in_a_session_without_a_keyring_is_explained(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "connections.json").write_text(SAVED, encoding="utf-8")
    env = {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(config), "ECI_WIZARD_DATA_DIR": str(tmp_path / "data"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-m", "wizard", "verify", "--guide", "aircall", "--org", "acme"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stdout + done.stderr
    err = done.stderr
    assert "The saved sign-in for 'acme' is kept in the system keyring, and this session has none the wizard can use" in err
    assert "--instance-url" in err and "keyring.backends" not in err and "Traceback" not in err
