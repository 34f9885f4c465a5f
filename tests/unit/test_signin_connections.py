"""Saved connections hold no secrets; refresh tokens go to the keyring or stay in memory."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from tests.support.signin import files_containing, texts_containing
from wizard.salesforce.auth.connections import ConnectionStore, SavedConnection
from wizard.salesforce.auth.errors import NoKeyring, SignInError
from wizard.salesforce.auth.signin import check_alias
from wizard.salesforce.auth.vault import KeyringVault, SessionVault, default_vault

SECRET = "5Aep861-REFRESH-TOKEN-THAT-MUST-NEVER-BE-IN-A-FILE"


def _saved(alias: str = "acme-uat", **changes: object) -> SavedConnection:
    values = dict(alias=alias, org_id="00D000000000001AAA", user_id="005000000000001AAA", username="admin@acme.test",
                  instance_url="https://acme--uat.sandbox.my.salesforce.com", is_sandbox=True,
                  login_url="https://test.salesforce.com", client_id="PlatformCLI")
    values.update(changes)
    return SavedConnection.model_validate(values)


def test_connections_round_trip_in_the_config_folder(wizard_dirs: tuple[Path, Path]) -> None:
    store = ConnectionStore()
    store.save(_saved())
    store.save(_saved("acme-prod", is_sandbox=False, login_url="https://login.salesforce.com", org_name="Acme"))
    again = ConnectionStore()
    assert [c.alias for c in again.all()] == ["acme-prod", "acme-uat"]
    assert again.get("acme-uat") == store.get("acme-uat")
    assert again.get("acme-prod").environment == "PRODUCTION"
    path = wizard_dirs[0] / "connections.json"
    assert json.loads(path.read_text())["version"] == 1
    assert again.remove("acme-uat") and not again.remove("acme-uat")
    assert [c.alias for c in ConnectionStore().all()] == ["acme-prod"]


def test_an_unknown_alias_names_the_known_ones(wizard_dirs: tuple[Path, Path]) -> None:
    ConnectionStore().save(_saved())
    with pytest.raises(SignInError) as caught:
        ConnectionStore().get("nope")
    assert "acme-uat" in caught.value.expected and "eci-wizard login --alias nope" in caught.value.todo


def test_a_damaged_file_is_reported_and_left_alone(wizard_dirs: tuple[Path, Path]) -> None:
    path = wizard_dirs[0] / "connections.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"connections": {"x": {"org_id": 1')
    with pytest.raises(SignInError) as caught:
        ConnectionStore().save(_saved())
    assert str(path) in caught.value.seen and "has not changed it" in caught.value.todo
    assert path.read_text() == '{"connections": {"x": {"org_id": 1'


@pytest.mark.parametrize(("text", "said"), [
    ('{"connections": {"x": {', "its JSON breaks off or is damaged at line 1, column 24: Expecting property name"),
    ('[1, 2]', "it has no 'connections' object"),
    ('{"connections": {"x": "00Dsecretish"}}', "the saved connection 'x' is not a JSON object"),
    ('{"connections": {"x": {"org_id": "00Dsecretish"}}}', "the saved connection 'x' is not as the wizard writes it (user_id: Field required)"),
])
def test_a_damaged_file_is_described_in_words_without_its_values(wizard_dirs: tuple[Path, Path], text: str, said: str) -> None:
    path = wizard_dirs[0] / "connections.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    with pytest.raises(SignInError) as caught:
        ConnectionStore().get("x")
    assert f"could not be read ({said}" in caught.value.seen
    assert "Error" not in caught.value.seen and "00Dsecretish" not in caught.value.seen


def test_session_only_store_writes_nothing(wizard_dirs: tuple[Path, Path]) -> None:
    store = ConnectionStore(in_memory=True)
    store.save(_saved())
    assert store.get("acme-uat").alias == "acme-uat"
    assert not any(wizard_dirs[0].rglob("*.json"))


def test_refresh_tokens_live_in_the_keyring_under_org_and_user(memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> None:
    vault = default_vault()
    assert isinstance(vault, KeyringVault)
    vault.save("00D1", "0051", SECRET)
    assert memory_keyring._store == {("eci-wizard/salesforce-refresh-token", "00D1/0051"): SECRET}
    assert vault.load("00D1", "0051") == SECRET
    ConnectionStore().save(_saved())
    assert files_containing(wizard_dirs, [SECRET]) == []
    assert vault.delete("00D1", "0051") and vault.load("00D1", "0051") is None


def test_without_a_keyring_the_admin_is_told_and_may_go_on_for_the_session(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.raises(NoKeyring) as caught:
            default_vault()
        assert "No usable system keyring" in caught.value.seen
        assert "session only" in caught.value.todo and "never writes tokens to a file" in caught.value.todo
        with pytest.raises(NoKeyring):
            KeyringVault().save("00D1", "0051", SECRET)
        vault = default_vault(session_only=True)
        assert isinstance(vault, SessionVault) and not vault.persistent
        vault.save("00D1", "0051", SECRET)
        assert vault.load("00D1", "0051") == SECRET
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("alias", ["acme", "acme-uat", "a.b_c-1"])
def test_good_aliases(alias: str) -> None:
    assert check_alias(alias) == alias


@pytest.mark.parametrize("alias", ["", "-x", "has space", "a/b", "x" * 65])
def test_bad_aliases_are_refused(alias: str) -> None:
    with pytest.raises(SignInError, match="can't be used"):
        check_alias(alias)


def test_the_secrets_scan_finds_a_secret_wherever_it_is(tmp_path: Path) -> None:
    """The scan used by the sign-in tests must be able to fail."""
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "log.txt").write_bytes(b"prefix " + SECRET.encode() + b" suffix")
    assert files_containing([tmp_path], ["other", SECRET]) == [f"{tmp_path / 'deep' / 'er' / 'log.txt'}: secret #1"]
    assert texts_containing(["a", f"x{SECRET}x"], [SECRET]) == [0]
    assert files_containing([tmp_path], ["not there"]) == []
