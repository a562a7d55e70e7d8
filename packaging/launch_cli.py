"""Entry point of the bundle's command-line program: the same as the `legalassist` command."""

import sys

from legalassist.cli import main

sys.exit(main())
