"""``python -m zhclean``: see :mod:`zhclean.cli`."""

import sys

from zhclean.cli import main

if __name__ == "__main__":
    sys.exit(main())
