"""Build hook: the wheel ships the demo corpus.

``corpus/`` stays at the top of the repository as the source; building the package copies
it to ``speechkit/data/demo`` so that ``speechkit analyze`` runs after a plain (not
editable) install. An editable install reads ``corpus/`` in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DEMO_CORPUS = Path(__file__).resolve().parent / "corpus"


class BuildWithDemoCorpus(build_py):
    """``build_py`` that also copies the demo corpus into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        shutil.copytree(DEMO_CORPUS, Path(self.build_lib) / "speechkit" / "data" / "demo", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithDemoCorpus})
