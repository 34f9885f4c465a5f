"""How the result of a write of user identifiers names its run.

Map users writes through the apply door, whose result names its run "this apply". Map users is
not an apply: an admin who ran ``eci-wizard map-users`` (or the window's Map users dialog) and
reads "before this apply" goes looking for an apply that never ran. So its results are told with
these words (`wizard.apply.preview.result_text`), on the command line and in the window.
"""

from __future__ import annotations

from wizard.apply.preview import RunWords

#: ``eci-wizard map-users``.
MAP_USERS_WORDS = RunWords(this="this map-users run", again="running the same map-users command again",
                           next="the next map-users run")
#: The window's Map users dialog, whose button applies the mapping.
MAPPING_WORDS = RunWords(this="this mapping", again="applying the mapping again", next="applying the mapping again")
