"""Keep what lives for the whole session out of Python's full garbage collections.

A full (generation 2) collection walks every object the process tracks. Once the wizard has
loaded Qt, the guides, the Salesforce clients and the checks, that is 100,000 to 230,000 objects,
and one full collection stops the window for 100 to 500 ms on a 2-core machine, long enough for
an admin to see a click go unanswered (``python -m tests.benchmarks.memory`` prints the figures).
Nearly all of those objects are modules, classes and functions that live until the wizard exits:
walking them again and again finds nothing to free.

`settle` moves everything alive at a quiet moment into the permanent generation
(`gc.freeze`), so later full collections walk only what the session made since. It acts once
per named moment, so what is frozen is what was loaded, not a growing pile of session data.
Frozen objects are still freed when their reference count drops to zero; only reference cycles
made before a freeze and dropped after it are never reclaimed, and those few moments bound them.
"""

from __future__ import annotations

import gc

#: The moments at which the wizard settles: the first window is up, the first whole guide is
#: checked (by then the Salesforce clients, the demo org and the checks are loaded).
STARTED = "started"
FIRST_CHECK = "first check"

_settled: set[str] = set()


def settle(moment: str) -> bool:
    """Freeze every object alive now, once per `moment`; True when this call froze them."""
    if moment in _settled:
        return False
    _settled.add(moment)
    gc.freeze()
    return True
