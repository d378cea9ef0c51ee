"""``python -m speechkit`` runs the command line."""

from .cli import main

main()
