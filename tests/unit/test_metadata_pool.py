"""The Metadata client pool: one thread per client, grows only under contention, follows the token.

The pool is generic over what it lends; here it lends small records of our own that note who uses
them, so a client lent to two threads at once, a client of an old token, or a pool that grows past
its size shows up as a failed assertion.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest

from wizard.salesforce.metadata_pool import MetadataClientPool


@dataclass
class Client:
    token: str
    serial: int
    users: int = 0
    max_users: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def use(self, hold: threading.Event | None = None) -> str:
        with self.lock:
            self.users += 1
            self.max_users = max(self.max_users, self.users)
        if hold is not None:
            hold.wait(5)
        with self.lock:
            self.users -= 1
        return self.token


class Factory:
    """Builds clients for a token; can be told to fail."""

    def __init__(self) -> None:
        self.built: list[Client] = []
        self.fail_next = 0
        self._lock = threading.Lock()

    def __call__(self, token: str) -> Client:
        with self._lock:
            if self.fail_next:
                self.fail_next -= 1
                raise RuntimeError("could not parse the WSDL")
            client = Client(token, len(self.built))
            self.built.append(client)
            return client


class Token:
    def __init__(self, value: str = "t1") -> None:
        self.value = value

    def __call__(self) -> str:
        return self.value


def test_calls_one_after_another_share_one_client() -> None:
    factory, token = Factory(), Token()
    pool = MetadataClientPool(factory, token, size=3)
    pool.warm()
    for _ in range(5):
        with pool.lease() as client:
            client.use()
    assert len(factory.built) == 1
    assert pool.built == 1


def test_overlapping_calls_grow_the_pool_up_to_its_size_and_never_share_a_client() -> None:
    factory, token = Factory(), Token()
    pool = MetadataClientPool(factory, token, size=3)
    pool.warm()
    release = threading.Event()
    seen: list[int] = []

    def call() -> None:
        with pool.lease() as client:
            seen.append(client.serial)
            client.use(release)

    # Round one: five callers at once, only the warmed client exists; extra clients are built in
    # the background while they wait, and a caller takes whichever client is free first.
    threads = [threading.Thread(target=call) for _ in range(5)]
    for t in threads:
        t.start()
    for _ in range(100):  # let the background builds land (each is instant here)
        if pool.built == 3 and len(seen) == 3:
            break
        time.sleep(0.02)
    release.set()
    for t in threads:
        t.join(5)
    assert len(factory.built) == 3  # never more than the size, however many wait
    assert all(c.max_users == 1 for c in factory.built)  # each client served one thread at a time
    assert sorted(set(seen)) == [0, 1, 2]


def test_a_new_token_drops_the_old_clients_and_a_client_leased_before_it_is_not_taken_back() -> None:
    factory, token = Factory(), Token("old")
    pool = MetadataClientPool(factory, token, size=2)
    with pool.lease() as client:
        assert client.use() == "old"
        token.value = "new"  # refreshed by another thread while this call was in flight
    with pool.lease() as client:
        assert client.use() == "new"
    assert [c.token for c in factory.built] == ["old", "new"]
    with pool.lease() as client:
        assert client.serial == 1  # the old client was not handed back into the pool


def test_a_failed_build_is_raised_to_its_caller_and_the_next_call_builds_again() -> None:
    factory, token = Factory(), Token()
    pool = MetadataClientPool(factory, token, size=2)
    factory.fail_next = 1
    with pytest.raises(RuntimeError, match="WSDL"), pool.lease():
        pass
    assert pool.built == 0
    with pool.lease() as client:
        assert client.use() == "t1"


def test_a_failed_background_build_leaves_waiting_callers_to_the_clients_that_exist() -> None:
    factory, token = Factory(), Token()
    pool = MetadataClientPool(factory, token, size=3)
    pool.warm()
    factory.fail_next = 1  # the first extra client fails to build
    release = threading.Event()
    served: list[str] = []

    def call() -> None:
        with pool.lease() as client:
            served.append(client.use(release))

    threads = [threading.Thread(target=call) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.2)  # the failed background build lands; callers keep waiting for the one client
    release.set()
    for t in threads:
        t.join(5)
    assert served == ["t1", "t1", "t1"]  # everyone served, by the one client that exists
    assert len(factory.built) == 1
    assert factory.built[0].max_users == 1


def test_a_pool_needs_room_for_one_client() -> None:
    with pytest.raises(ValueError, match="at least one"):
        MetadataClientPool(Factory(), Token(), size=0)
