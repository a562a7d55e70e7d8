import sys

from legalassist.cli import main

sys.exit(main())
