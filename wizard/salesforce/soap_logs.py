"""zeep's SOAP envelopes never reach a log.

zeep logs whole envelopes at DEBUG level on ``zeep.transports``. Every envelope carries the session
id in its header, and a create carries a consumer secret, so anyone who turns on DEBUG logging
(a support session, a library default) would write them to a file. The filter replaces the text of
those records; it is installed where the wizard makes a Metadata client, so verification, apply and
undo are covered alike, whatever ran first.
"""

from __future__ import annotations

import logging


class _HideSoapBodies(logging.Filter):
    """Keep the line that a request was made, drop what it carried."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith(("HTTP Post to", "HTTP Response from")):
            record.msg = message.split("%")[0].rstrip(": \n") + ": (hidden by eci-wizard; it may hold secret values)"
            record.args = ()
        return True


def hide_soap_bodies_in_logs() -> None:
    """Install the filter on zeep's transport logger (idempotent)."""
    logger = logging.getLogger("zeep.transports")
    if not any(isinstance(f, _HideSoapBodies) for f in logger.filters):
        logger.addFilter(_HideSoapBodies())
