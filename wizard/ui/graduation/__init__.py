"""Sandbox to production in the window: "Save a setup profile…" and "Graduate from a profile…".

The work is `wizard.profiles` (Qt-free, the same objects ``eci-wizard capture`` and ``eci-wizard
graduate`` drive); this package only asks, shows and runs it on workers. An admin who set ECI up
in a sandbox in the window carries it to production in the window too, with the same checks,
the same production gate, the same backups (Wizard → Undo the last fix) and the same parity report.

- `menu`: the two Wizard menu entries and when they can be used.
- `capture`: save a profile of the window's org and guide (what the file held is never lost unasked).
- `dialog`: the graduation, one step after the other (profile, choices, preview, confirm, result).
- `words`: what the window says, Qt-free; `work`: the blocking calls the workers make, Qt-free.
"""
