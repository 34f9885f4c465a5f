"""One executor per kind of component the guides set; `EXECUTORS` maps fix names to them."""
