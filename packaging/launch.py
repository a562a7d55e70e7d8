"""Entry point of the desktop bundle: the same as the `legalassist-gui` command."""

import multiprocessing

from legalassist.ui.app import main

if __name__ == "__main__":
    # An import reads files in worker processes; in a bundle, each one starts from this program.
    multiprocessing.freeze_support()
    main()
