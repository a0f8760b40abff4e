"""The data package as a whole: standard-valid, documented, sourced, and the statement exact."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

import helpers
from conftest import DATA, SHARED_STATEMENT

PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r for r in PACKAGE["resources"] if "schema" in r]


def test_frictionless_validates_the_package() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    if not report.valid:
        errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors][:20]
        errors += [e.message for e in report.errors][:5]
        pytest.fail("frictionless finds problems:\n" + "\n".join(errors))


def test_every_file_in_data_is_described() -> None:
    listed = {r["path"] for r in PACKAGE["resources"]}
    present = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file() and p.suffix in (".csv", ".txt")}
    assert present == listed, f"in data/ but not in datapackage.json: {sorted(present - listed)}; described but missing: {sorted(listed - present)}"


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_resource_metadata(resource: dict) -> None:
    for key in ("name", "path", "title", "description", "coverage", "currentTo", "licenses"):
        assert resource.get(key), f"{resource['name']}: missing {key}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", resource["currentTo"])
    if "schema" in resource:
        schema = resource["schema"]
        assert schema.get("primaryKey"), f"{resource['name']}: needs a primaryKey"
        for f in schema["fields"]:
            assert f.get("description"), f"{resource['name']}.{f['name']}: every field needs a description"
        if resource["name"] != "sources":
            assert any(f["name"] == "source_ids" for f in schema["fields"]), f"{resource['name']}: needs a source_ids column"
            assert {"fields": "source_ids", "delimiter": ";", "reference": {"resource": "sources", "fields": "id"}} in schema.get("x-listForeignKeys", []), (
                f"{resource['name']}: declare source_ids as a list foreign key to sources.id (x-listForeignKeys)")


def test_statement_is_byte_identical_to_the_shared_source() -> None:
    if not SHARED_STATEMENT.exists():
        pytest.skip("../shared/sources is not beside this checkout")
    ours = (DATA / "joint_statement_2024-10-18.txt").read_bytes()
    assert hashlib.sha256(ours).hexdigest() == hashlib.sha256(SHARED_STATEMENT.read_bytes()).hexdigest()
    assert "that is at free and at peace" in helpers.read_text("statement_text")


def test_every_source_is_used_and_every_use_resolves() -> None:
    used = set(helpers.data._all_sources_used(helpers.data_dir()))
    known = set(helpers.load("sources")["id"])
    assert used <= known
    assert not known - used - {"joint-statement-2024"}, f"sources nobody cites (remove or use): {sorted(known - used)}"


def test_sources_have_usable_urls_and_notes_for_mirrors() -> None:
    sources = helpers.load("sources")
    assert sources["url"].str.match(r"https?://[^\s]+$").all()
    secondary = sources[sources["reliability"] == "secondary"]
    assert (secondary["kind"] != "un_document").all() or secondary["note"].notna().all()


@pytest.mark.parametrize("resource", TABLES, ids=lambda r: r["name"])
def test_preferred_versions_are_explained(resource: dict) -> None:
    names = {f["name"] for f in resource["schema"]["fields"]}
    if "preferred" not in names:
        pytest.skip("no competing versions in this dataset")
    frame = helpers.load(resource["name"])
    assert "preferred_reason" in names, "a dataset with competing versions must say why one is preferred"
    chosen = frame[frame["preferred"] == True]  # noqa: E712
    assert chosen["preferred_reason"].notna().all(), "every preferred row needs a preferred_reason"


def test_readme_documents_every_dataset() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in PACKAGE["resources"]:
        assert f"`{resource['name']}`" in readme, f"data/README.md does not document {resource['name']}"
        assert resource["path"] in readme, f"data/README.md does not give the file of {resource['name']}"
    documented = set(re.findall(r"^### `([a-z0-9_]+)`", readme, re.M))
    assert documented == {r["name"] for r in PACKAGE["resources"]}, "data/README.md has a section for a dataset that is not in the package, or lacks one"


def test_readme_is_in_step_with_the_package() -> None:
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "tools" / "data_readme.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
