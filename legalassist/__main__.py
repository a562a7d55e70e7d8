import multiprocessing
import sys

from legalassist.cli import main

if __name__ == "__main__":  # an import reads files in worker processes, which import this module again
    multiprocessing.freeze_support()
    sys.exit(main())
