"""``python -m rabta.scheduling INPUT ...``: the ``rabta schedule`` command."""

import sys

from rabta.scheduling.cli import main

raise SystemExit(main(sys.argv[1:]))
