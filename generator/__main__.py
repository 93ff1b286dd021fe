"""python -m generator: the same as the briefing command."""

import sys

from generator.cli.main import main

sys.exit(main())
