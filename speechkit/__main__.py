"""``python -m speechkit`` runs the command line."""

from .cli import main

# Guarded: worker processes started by "spawn" (Dask's) import this module again.
if __name__ == "__main__":
    main()
