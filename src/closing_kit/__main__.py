"""``python -m closing_kit``: see ``closing_kit.cli``."""

import sys

from closing_kit.cli import main

sys.exit(main())
