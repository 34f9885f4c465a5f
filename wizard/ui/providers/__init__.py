"""Qt pieces of the voice providers' pages (the core lives in `wizard.providers`)."""
