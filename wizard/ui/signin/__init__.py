"""The Qt side of signing in: the embedded consent view (QtWebEngine is loaded on first use)."""
