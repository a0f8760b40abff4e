"""The one build step pyproject.toml cannot express: ship ``nkhr_helpers_guard.pth`` at the top of site-packages.

Everything else (metadata, packages, data) is in pyproject.toml. The .pth file makes ``import helpers``
load the collection's package first (see nkhr_helpers_guard.py). Editable installs do not copy build
outputs, so ``make setup`` writes the same line with ``python -m nkhr_helpers_guard install``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

GUARD = Path(__file__).resolve().parent / "nkhr_helpers_guard.py"


def _constant(name: str) -> str:
    for node in ast.parse(GUARD.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"{name} not found in {GUARD.name}")


class BuildPyWithPth(build_py):
    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            Path(self.build_lib, _constant("PTH_NAME")).write_text(_constant("PTH_LINE"), encoding="utf-8")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not getattr(self, "editable_mode", False):
            outputs.append(str(Path(self.build_lib, _constant("PTH_NAME"))))
        return outputs


setup(cmdclass={"build_py": BuildPyWithPth})
