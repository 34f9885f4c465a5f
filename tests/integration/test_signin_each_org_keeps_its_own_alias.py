"""Every saved sign-in keeps an alias of its own: none is silently replaced or left in the keyring unnamed.

Real sign-ins to two running demo orgs (login and consent pages, PKCE code exchange), finished by
the same `finish_sign_in` the window and ``eci-wizard login`` use; the keyring is the in-memory one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from tests.support.memory_keyring import MemoryKeyring
from wizard.demo.headless import sign_in_grant
from wizard.demo.server import DemoOrgServer
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.errors import AliasTaken
from wizard.salesforce.auth.flow import OAuthClient
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.signin import SignedIn, SignInTarget, finish_sign_in
from wizard.salesforce.auth.vault import KeyringVault

REPO = Path(__file__).resolve().parents[2]


def _target(server: DemoOrgServer) -> SignInTarget:
    return SignInTarget(resolve_login_host(server.instance_url, demo_mode=True), OAuthClient(port=support.free_port()),
                        ca_bundle=server.ca_bundle)


def window_sign_in(server: DemoOrgServer, alias: str | None) -> SignedIn:
    """Sign in as the window does: the grant from the consent pages, then `finish_sign_in` (alias None
    when the Alias field was left empty; an alias of another org only after the admin agreed)."""
    return finish_sign_in(sign_in_grant(server), alias=alias, target=_target(server), store=ConnectionStore(),
                          vault=KeyringVault())


@pytest.fixture
def two_orgs(demo_org: Callable[..., DemoOrgServer], memory_keyring: type,
             wizard_dirs: tuple[Path, Path]) -> tuple[DemoOrgServer, DemoOrgServer]:
    return demo_org("fresh"), demo_org("aircall-sandbox-configured")


def test_two_orgs_signed_in_without_an_alias_get_an_alias_each(two_orgs: tuple[DemoOrgServer, DemoOrgServer]) -> None:
    first, second = two_orgs
    one, two = window_sign_in(first, None), window_sign_in(second, None)
    assert (one.saved.alias, two.saved.alias) == ("acme-demo", "acme-demo-2")  # named after the org, made unique
    saved = {c.alias: c.org_id for c in ConnectionStore().all()}
    assert saved == {"acme-demo": first.org.org_id, "acme-demo-2": second.org.org_id}
    assert len(MemoryKeyring._store) == 2  # each token has an alias that names it
    again = window_sign_in(first, None)  # the same user in the same org: its alias again, not a third one
    assert again.saved.alias == "acme-demo" and len(ConnectionStore().all()) == 2


def test_login_with_the_alias_of_another_org_is_refused_and_keeps_nothing(
        two_orgs: tuple[DemoOrgServer, DemoOrgServer], demo_oauth: Any) -> None:
    first, second = two_orgs
    support.sign_in_demo_alias(first, demo_oauth(first), alias="acme")  # as `eci-wizard login --alias acme`
    with pytest.raises(AliasTaken) as refused:
        support.sign_in_demo_alias(second, demo_oauth(second), alias="acme")
    said = refused.value.message
    assert said.startswith("The alias 'acme' already names the saved sign-in to Acme Demo (PRODUCTION, demo) as "
                           "admin@acme-demo.example, and this sign-in is to the org "), said
    assert "nothing of it was kept, and Salesforce revoked it" in said
    assert "eci-wizard logout acme" in refused.value.todo
    assert [(c.alias, c.org_id) for c in ConnectionStore().all()] == [("acme", first.org.org_id)]
    assert list(MemoryKeyring._store) == [(k, a) for k, a in MemoryKeyring._store if a.startswith(first.org.org_id)]
    assert not second.org.refresh_tokens  # the refused grant does not live on at Salesforce either


def test_a_window_sign_in_under_the_alias_of_another_org_signs_that_one_out(
        two_orgs: tuple[DemoOrgServer, DemoOrgServer], demo_oauth: Any) -> None:
    first, second = two_orgs
    support.sign_in_demo_alias(first, demo_oauth(first), alias="shared")
    old_token = KeyringVault().load(first.org.org_id, ConnectionStore().get("shared").user_id)
    assert old_token in first.org.refresh_tokens

    signed = window_sign_in(second, "shared")  # the admin answered "Use this alias"

    assert signed.note.startswith("The alias 'shared' named the sign-in to Acme Demo (PRODUCTION, demo) as "
                                  "admin@acme-demo.example before; that sign-in was signed out (revoked at Salesforce "
                                  "and removed from the keyring)."), signed.note
    assert old_token not in first.org.refresh_tokens  # revoked, not orphaned
    assert [a for _k, a in MemoryKeyring._store] == [f"{second.org.org_id}/{signed.saved.user_id}"]
    assert [(c.alias, c.org_id) for c in ConnectionStore().all()] == [("shared", second.org.org_id)]


def test_the_login_command_refuses_an_alias_of_another_org_with_what_to_do(
        two_orgs: tuple[DemoOrgServer, DemoOrgServer], demo_oauth: Any, wizard_dirs: tuple[Path, Path]) -> None:
    first, second = two_orgs
    support.sign_in_demo_alias(first, demo_oauth(first), alias="acme")
    config, data = wizard_dirs
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": support.MEMORY_KEYRING, "ECI_WIZARD_CONFIG_DIR": str(config),
           "ECI_WIZARD_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "tests.support.cli_runner", "login", "--alias", "acme",
               "--my-domain", second.instance_url, "--demo-ca", str(second.ca_bundle),
               "--port", str(support.free_port()), "--timeout", "60"]
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        url = next(line.strip() for line in child.stdout if line.strip().startswith("https://"))
        username, password = second.default_login
        support.play_browser(demo_oauth(second), url, username=username, password=password)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 2, out + err
    assert "The alias 'acme' already names the saved sign-in to Acme Demo" in err
    assert "sign out of the old one first (eci-wizard logout acme)" in err and "Saved as" not in out
    assert [(c.alias, c.org_id) for c in ConnectionStore().all()] == [("acme", first.org.org_id)]
    assert not second.org.refresh_tokens
