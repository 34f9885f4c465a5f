"""Everything Qt: the window, its pages, the sign-in view and the workers (the core never imports Qt)."""
