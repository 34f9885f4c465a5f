"""The bundle's entry point: the same ``eci-wizard`` command as the console script.

PyInstaller freezes a script, not a console-script entry point, so this file stands in for
``eci-wizard = wizard.cli:main``. It lives in ``packaging/`` and is run by path only.
"""

import sys

from wizard.cli import main

if __name__ == "__main__":
    sys.exit(main())
