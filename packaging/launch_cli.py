"""Entry point of the bundle's command-line program: the same as the `legalassist` command."""

import multiprocessing
import sys

from legalassist.cli import main

if __name__ == "__main__":
    # An import reads files in worker processes; in a bundle, each one starts from this program.
    multiprocessing.freeze_support()
    sys.exit(main())
