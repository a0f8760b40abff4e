"""The one --write/--check command line shared by the tools that generate committed files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def run(render: Callable[[], str], target: Path, root: Path, doc: str, command: str) -> int:
    """Write *target* from *render* (--write) or exit 1 when it is out of date (--check)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    shown = target.relative_to(root)
    if args.write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {shown}")
        return 0
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        print(f"{shown} is out of date: run `{command}`", file=sys.stderr)
        return 1
    return 0
