"""``eci-wizard graduate`` of a Natterbox profile asks for the AWS access key ID of the Natterbox S3
named credential the target org lacks: one typed in another form than AWS's is refused as soon as
it is read, with what was typed (its length and what stands out, never the value), what was
expected and what to do, and nothing is written to the target org (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.apply.backup import BackupStore

pytestmark = pytest.mark.timeout(240)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_mistyped_key_id_stops_the_graduation_before_anything_is_written(cli, tmp_path: Path) -> None:
    profile = tmp_path / "natterbox.yaml"
    code, _out, err = cli("capture", "--demo", "--scenario", "natterbox-configured", "--guide", "natterbox", "-o", str(profile))
    assert code == 0, err
    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--ignore-blockers",
                         "--production-confirm", "Acme Demo", stdin="AKIA-IOSFODNN7EXAMPLE\nthe-secret-access-key-0001\n")
    said = flat(err)
    assert code == 2, out + err
    assert ("The AWS access key ID for the named credential NatterboxS3AWS, as typed, is 21 characters long, with "
            "characters other than letters and digits. Expected an AWS access key ID (AKIA followed by 16 letters or "
            "digits). Copy it again from Natterbox, exactly as given. Nothing was written. Run the command again and "
            "enter it when asked.") in said
    assert "AKIA-IOSFODNN7EXAMPLE" not in out + err
    assert "The AWS secret access key for the named credential NatterboxS3AWS" not in err  # not asked after the refusal
    assert not list(BackupStore().root.rglob("*.json"))  # no backup: nothing was written
