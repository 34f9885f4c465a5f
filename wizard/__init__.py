"""ECI Setup Wizard: live-verified setup of Einstein Conversation Insights.

Everything under this package except ``wizard.ui`` (and the entry point that builds the window)
is Qt-free, so the whole core runs and is tested headless.
"""

__version__ = "0.1.0"
