"""Execute a `ReadPlan` against the org in as few, concurrent round trips as the APIs allow.

- REST SOQL reads travel together in ``composite/batch`` requests (25 subrequests each);
- Tooling SOQL reads in Tooling ``composite`` requests (5 queries each), or one plain query;
- Metadata reads as one ``readMetadata`` per type (ten names each);
all issued at once on a thread pool. Deferred reads (decided by a first-round query) start as soon
as that query's answer arrives. The result is a frozen `OrgSnapshot`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any
from urllib.parse import quote

from simple_salesforce import Salesforce
from zeep.helpers import serialize_object

from wizard.engine.org_facts import OrgFacts
from wizard.engine.read_plan import ReadPlan
from wizard.engine.reads import DeferredRead, MetadataRead, SoqlRead
from wizard.engine.snapshot import OrgSnapshot, ReadFailure
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.errors import SystemicError, read_failure

BATCH_SIZE = 25
TOOLING_COMPOSITE_QUERIES = 5
MAX_WORKERS = 8

Record = dict[str, Any]


class _Counter:
    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def add(self, n: int = 1) -> None:
        with self._lock:
            self.value += n


def plain(value: Any) -> Any:
    """zeep objects and OrderedDicts as plain dicts and lists (what checks expect)."""
    value = serialize_object(value) if hasattr(value, "__values__") else value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _strip_attributes(record: Any) -> Any:
    if isinstance(record, dict):
        return {k: _strip_attributes(v) for k, v in record.items() if k != "attributes"}
    return record


class SnapshotReader:
    """Reads one plan through one connection; use `read()` once."""

    def __init__(self, conn: OrgConnection, plan: ReadPlan, facts: OrgFacts) -> None:
        self.conn = conn
        self.plan = plan
        self.facts = facts
        self.requests = _Counter()
        self.queries: dict[SoqlRead, list[Record] | ReadFailure] = {}
        self.components: dict[tuple[str, str], Record | None] = {}
        self.metadata_failures: dict[str, ReadFailure] = {}
        self._requested: set[tuple[str, str]] = set()  # metadata components asked for, answered or not
        self._lock = threading.Lock()

    # -- public --------------------------------------------------------------------------------
    def read(self) -> OrgSnapshot:
        self._warm_metadata_client()
        with ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="sf-read") as pool:
            futures: list[Future[None]] = []
            for start in range(0, len(self.plan.rest_queries), BATCH_SIZE):
                futures.append(pool.submit(self._rest_batch, self.plan.rest_queries[start : start + BATCH_SIZE]))
            futures += self._submit_tooling(pool)
            futures += [pool.submit(self._metadata, m) for m in self.plan.metadata]
            self._requested.update((m.mtype, n) for m in self.plan.metadata for n in m.names)
            pending = list(self.plan.deferred)
            live = set(futures)
            while live:
                done, live = wait(live, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()  # a systemic failure (limit, network, session) ends the read here
                if pending:
                    reads, pending = self._resolve_ready(pending)
                    live |= {pool.submit(self._metadata, m) for m in reads}
        return OrgSnapshot(
            facts=self.facts,
            queries=dict(self.queries),
            components=dict(self.components),
            metadata_failures=dict(self.metadata_failures),
            requests=self.requests.value,
        )

    def _warm_metadata_client(self) -> None:
        """Have a Metadata client ready before the threads start (building one parses the WSDL)."""
        if self.plan.metadata or self.plan.deferred:
            self.conn.warm_metadata()

    # -- rounds --------------------------------------------------------------------------------
    def _outcome(self, read: SoqlRead | MetadataRead) -> list[Record] | None:
        """What an earlier read gave, as rows; None while unknown or failed."""
        if isinstance(read, SoqlRead):
            rows = self.queries.get(read)
            return rows if isinstance(rows, list) else None
        if read.mtype in self.metadata_failures or any((read.mtype, n) not in self.components for n in read.names):
            return None
        return [c for n in read.names if (c := self.components[(read.mtype, n)]) is not None]

    def _resolve_ready(self, pending: list[DeferredRead]) -> tuple[list[MetadataRead], list[DeferredRead]]:
        """Resolve the deferred reads whose input has arrived: (metadata to read now, still pending)."""
        wanted: dict[str, set[str]] = {}
        still: list[DeferredRead] = []
        queue = list(pending)
        while queue:
            deferred = queue.pop(0)
            rows = self._outcome(deferred.after)
            if rows is None:
                if not self._failed(deferred.after):
                    still.append(deferred)
                continue
            for read in deferred.resolve(rows):
                if isinstance(read, DeferredRead):
                    (queue if self._outcome(read.after) is not None else still).append(read)
                elif isinstance(read, MetadataRead):
                    wanted.setdefault(read.mtype, set()).update(read.names)
        reads = []
        for mtype, names in sorted(wanted.items()):
            todo = sorted(n for n in names if (mtype, n) not in self._requested)
            self._requested.update((mtype, n) for n in todo)
            for start in range(0, len(todo), 10):
                reads.append(MetadataRead(mtype, tuple(todo[start : start + 10])))
        return reads, still

    def _failed(self, read: SoqlRead | MetadataRead) -> bool:
        if isinstance(read, SoqlRead):
            return isinstance(self.queries.get(read), ReadFailure)
        return read.mtype in self.metadata_failures

    def _submit_tooling(self, pool: ThreadPoolExecutor) -> list[Future[None]]:
        queries = self.plan.tooling_queries
        if len(queries) == 1:
            return [pool.submit(self._tooling_single, queries[0])]
        return [
            pool.submit(self._tooling_composite, queries[start : start + TOOLING_COMPOSITE_QUERIES])
            for start in range(0, len(queries), TOOLING_COMPOSITE_QUERIES)
        ]

    # -- REST and Tooling SOQL -------------------------------------------------------------------
    def _rest_batch(self, reads: tuple[SoqlRead, ...]) -> None:
        version = f"v{self.conn.api_version}"
        body = {
            "haltOnError": False,
            "batchRequests": [{"method": "GET", "url": f"{version}/query/?q={quote(r.soql)}"} for r in reads],
        }
        self._queries(
            reads,
            lambda sf: sf.restful("composite/batch", method="POST", json=body),
            lambda answer: [(item.get("statusCode"), item.get("result")) for item in answer.get("results", [])],
        )

    def _tooling_single(self, read: SoqlRead) -> None:
        self._queries(
            (read,),
            lambda sf: sf.toolingexecute("query/", params={"q": read.soql}),
            lambda answer: [(200, answer)],
        )

    def _tooling_composite(self, reads: tuple[SoqlRead, ...]) -> None:
        version = f"v{self.conn.api_version}"
        body = {
            "allOrNone": False,
            "compositeRequest": [
                {"method": "GET", "url": f"/services/data/{version}/tooling/query/?q={quote(r.soql)}", "referenceId": f"q{i}"}
                for i, r in enumerate(reads)
            ],
        }
        self._queries(
            reads,
            lambda sf: sf.toolingexecute("composite", method="POST", data=body),
            lambda answer: [(item.get("httpStatusCode"), item.get("body")) for item in answer.get("compositeResponse", [])],
        )

    def _queries(
        self,
        reads: tuple[SoqlRead, ...],
        send: Callable[[Salesforce], Any],
        answers: Callable[[Any], list[tuple[Any, Any]]],
    ) -> None:
        """One request carrying ``reads``; ``answers`` splits its reply into (HTTP status, body) per read.

        The three SOQL carriers differ only in envelope, so the outcome rules live here once: a
        failed request fails each of its reads, a failed subrequest fails only its own read, and a
        systemic failure (limit, network, session) ends the whole verification.
        """
        try:
            self.requests.add()
            replies = answers(self.conn.call(send))
        except SystemicError:
            raise
        except Exception as exc:
            failure = read_failure(exc)
            for read in reads:
                self._store_query(read, failure)
            return
        for read, (status, body) in zip(reads, replies, strict=False):
            if int(status or 500) >= 300:
                self._store_query(read, _failure_from_body(body))
                continue
            try:
                self._store_query(read, self._all_records(body or {}))
            except SystemicError:
                raise
            except Exception as exc:
                self._store_query(read, read_failure(exc))

    def _all_records(self, result: dict[str, Any]) -> list[Record]:
        """Every row of a query result, following ``nextRecordsUrl`` (one more request per page)."""
        records = [_strip_attributes(r) for r in result.get("records", [])]
        next_url = result.get("nextRecordsUrl")
        while next_url:
            self.requests.add()
            page = self.conn.call(lambda sf, url=next_url: sf.query_more(url, identifier_is_url=True))
            records += [_strip_attributes(r) for r in page.get("records", [])]
            next_url = page.get("nextRecordsUrl")
        return records

    # -- Metadata --------------------------------------------------------------------------------
    def _metadata(self, read: MetadataRead) -> None:
        def call(sf: Salesforce) -> Any:
            return getattr(sf.mdapi, read.mtype).read(list(read.names))

        try:
            self.requests.add()
            answer = self.conn.metadata_call(call)
        except SystemicError:
            raise
        except Exception as exc:
            failure = read_failure(exc)
            with self._lock:
                self.metadata_failures[read.mtype] = failure
            return
        items = answer if isinstance(answer, list) else [answer]
        found: dict[str, Record] = {}
        for item in items:
            data = plain(item) or {}
            if data.get("fullName"):
                found[data["fullName"]] = data
        with self._lock:
            for name in read.names:
                self.components[(read.mtype, name)] = found.get(name)

    def _store_query(self, read: SoqlRead, outcome: list[Record] | ReadFailure) -> None:
        with self._lock:
            self.queries[read] = outcome


def _failure_from_body(body: Any) -> ReadFailure:
    if isinstance(body, list) and body and isinstance(body[0], dict):
        code = str(body[0].get("errorCode", ""))
        message = str(body[0].get("message", ""))
        if code == "INVALID_TYPE":
            return ReadFailure(f"This object is not available to the signed-in user or not enabled in the org ({message}).", code)
        if code == "INSUFFICIENT_ACCESS":
            return ReadFailure(f"The signed-in user may not read this ({message}).", code)
        return ReadFailure(f"Salesforce could not answer this query ({code}: {message}).", code)
    return ReadFailure("Salesforce returned an error for this query.", "UNKNOWN")


def read_snapshot(conn: OrgConnection, plan: ReadPlan, facts: OrgFacts) -> OrgSnapshot:
    """Fetch everything `plan` names; raises `SystemicError` when the org cannot be read at all."""
    return SnapshotReader(conn, plan, facts).read()


__all__ = ["DeferredRead", "SnapshotReader", "read_snapshot"]
