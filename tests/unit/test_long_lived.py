"""`settle` freezes what is alive once per moment, so the permanent generation does not keep growing."""

from __future__ import annotations

import gc

import pytest

from wizard import long_lived


def test_settling_a_moment_twice_freezes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(long_lived, "_settled", set())
    assert long_lived.settle("a moment") is True
    frozen = gc.get_freeze_count()
    kept_lists = [[] for _ in range(1000)]  # containers, so the collector tracks them
    assert long_lived.settle("a moment") is False
    assert gc.get_freeze_count() <= frozen  # the new lists stayed out of the permanent generation
    assert long_lived.settle("another moment") is True
    assert gc.get_freeze_count() >= frozen + len(kept_lists)
