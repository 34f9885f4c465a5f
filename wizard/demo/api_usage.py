"""The org's daily API request allowance, as ``limits`` and ``Sforce-Limit-Info`` report it.

Every authenticated REST or Tooling request counts one call (a composite request counts once, a
batch counts each subrequest), so ``DailyApiRequests.Remaining`` goes down as the wizard works and
simple-salesforce's ``api_usage`` shows it. When nothing remains, requests get Salesforce's 403
``REQUEST_LIMIT_EXCEEDED``. The allowance comes from the scenario behaviour
``daily_api_request_limit`` (default 100,000, an Enterprise Edition org's base).
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from wizard.demo.state import OrgState

DEFAULT_DAILY_LIMIT = 100_000

_USED: weakref.WeakKeyDictionary[OrgState, int] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()

#: Other limits the resource lists; fixed figures, as a quiet org shows them.
_STATIC_LIMITS = {
    "ConcurrentAsyncGetReportInstances": 200,
    "ConcurrentSyncReportRuns": 20,
    "DailyAsyncApexExecutions": 250_000,
    "DailyBulkApiBatches": 15_000,
    "DailyBulkV2QueryJobs": 10_000,
    "DailyStreamingApiEvents": 1_000_000,
    "DataStorageMB": 5_120,
    "FileStorageMB": 20_480,
    "HourlyTimeBasedWorkflow": 1_000,
    "MassEmail": 5_000,
    "SingleEmail": 5_000,
}


def daily_limit(org: OrgState) -> int:
    value = org.behaviours.get("daily_api_request_limit", DEFAULT_DAILY_LIMIT)
    return int(value) if isinstance(value, int) and value > 0 else DEFAULT_DAILY_LIMIT


def used(org: OrgState) -> int:
    with _LOCK:
        return _USED.get(org, 0)


def exhausted(org: OrgState) -> bool:
    return used(org) >= daily_limit(org)


def count_call(org: OrgState, calls: int = 1) -> None:
    """Count API calls against the daily allowance."""
    with _LOCK:
        _USED[org] = _USED.get(org, 0) + calls


def limit_info(org: OrgState) -> str:
    """The ``Sforce-Limit-Info`` header value, e.g. ``api-usage=18/100000``."""
    return f"api-usage={used(org)}/{daily_limit(org)}"


def limits(org: OrgState) -> dict[str, Any]:
    """The ``limits`` resource body."""
    out: dict[str, Any] = {
        "DailyApiRequests": {"Max": daily_limit(org), "Remaining": max(0, daily_limit(org) - used(org))}
    }
    out.update({name: {"Max": value, "Remaining": value} for name, value in _STATIC_LIMITS.items()})
    return dict(sorted(out.items()))
