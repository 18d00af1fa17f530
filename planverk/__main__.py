"""`python -m planverk` is the `planverk` command."""

import sys

from planverk.cli import main

sys.exit(main())
