#!/usr/bin/env python
"""Developer entry point; `planverk` runs the same commands."""

import sys

from planverk.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
