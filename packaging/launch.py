"""Entry point of the desktop bundle: the same as the `legalassist-gui` command."""

from legalassist.ui.app import main

main()
