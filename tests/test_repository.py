"""The repository keeps its promises to a newcomer: two commands, licences, CI, one map."""

from __future__ import annotations

import os
import re

import yaml

import helpers
from conftest import ROOT, notebook_paths


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_two_commands_at_the_top_of_the_readme() -> None:
    first_block = re.search(r"```bash\n(.*?)```", readme(), re.S)
    assert first_block and readme().index("```bash") < 1200, "the README must open with its commands"
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert commands == ["make lab", "make test"]


def test_make_targets_do_what_the_readme_says() -> None:
    makefile = (ROOT / "Makefile").read_text()
    lab = re.search(r"^lab:.*\n\t(.*)$", makefile, re.M).group(1)
    assert "jupyter lab" in lab and lab.endswith("notebooks/00_start_here.ipynb") and "token" not in lab.lower(), (
        "lab must open the start notebook with token auth on"
    )
    test = re.search(r"^test:.*\n\t(.*)$", makefile, re.M).group(1)
    assert "pytest" in test and "--dist loadfile" in test
    assert re.search(r"^lab: \$\(STAMP\)", makefile, re.M) and re.search(r"^test: \$\(STAMP\)", makefile, re.M), (
        "both commands must create the environment when it is missing"
    )
    assert "-e ." in makefile, "the set-up must install helpers in editable mode"


def test_ci_runs_the_readme_test_command() -> None:
    ci = ROOT / ".ci" / "run"
    assert os.access(ci, os.X_OK)
    assert re.search(r"^make test$", ci.read_text(), re.M)
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text())
    steps = workflow["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)


def test_the_workflow_serves_a_fork() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "schedule" in triggers and "push" in triggers and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    runs = [step.get("run", "") for job in jobs.values() for step in job.get("steps", [])]
    uses = [step.get("uses", "") for job in jobs.values() for step in job.get("steps", [])]
    assert any("apt-get install" in r and "chromium" in r for r in runs), "the browser test needs Debian's chromium"
    assert "make min-versions" in runs and "make site" in runs
    assert any(r.startswith(".venv/bin/python tools/check_links.py site/_build/student") for r in runs)
    assert any(u.startswith("actions/cache@") for u in uses), "pip downloads must be cached"
    pages = [s for s in jobs["site"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert pages and pages[0]["with"]["path"] == "site/_build/student", "only the student edition is published"
    teacher = [s for s in jobs["site"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert teacher and teacher[0]["with"]["path"] == "site/_build/teacher"
    assert jobs["pages"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert jobs["pages"]["permissions"] == {"pages": "write", "id-token": "write"} and set(jobs["pages"]["needs"]) == {
        "test",
        "site",
    }


def test_pre_commit_hooks_are_local() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"]), "no hook may be downloaded"
    assert {"ruff-check", "ruff-format"} <= {h["id"] for h in hooks}
    for hook in hooks:
        assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/"), hook["id"]
        program, *args = hook["entry"].split()
        if program.endswith("python"):
            assert (ROOT / args[0]).is_file(), f"{hook['id']}: {args[0]} does not exist"


def test_licences_and_citation() -> None:
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "CC BY 4.0" in readme() and "MIT" in readme()
    cc_by = (ROOT / "LICENSE-CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert cc_by.startswith("Creative Commons Attribution 4.0 International")
    for section in ("Section 1 – Definitions.", "Section 3 – License Conditions.", "Section 8 – Interpretation."):
        assert section in cc_by, f"the CC BY 4.0 legal text is incomplete: {section!r} missing"
    assert "LICENSE-CC-BY-4.0.txt" in readme() and "CHANGELOG.md" in readme()
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["license"] == ["MIT", "CC-BY-4.0"] and citation["title"]


def test_readme_and_start_map_list_the_same_notebooks() -> None:
    rows = re.findall(r"^\| `(\d\d_[a-z_]+)` \| .* \| (\d+) \|$", readme(), re.M)
    assert [(n.stem, str(n.minutes)) for n in helpers.collection.NOTEBOOKS] == rows
    on_disk = {p.stem for p in notebook_paths()}
    assert on_disk <= {n.stem for n in helpers.collection.NOTEBOOKS}, (
        "a notebook that is not in helpers.collection.NOTEBOOKS"
    )


def test_notebook_status_reflects_the_files(tmp_path) -> None:
    (tmp_path / "00_start_here.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "outputs": [{"output_type": "stream"}]}]}'
    )
    (tmp_path / "01_reading_the_statement.ipynb").write_text('{"cells": [{"cell_type": "code", "outputs": []}]}')
    status = dict(
        zip(helpers.collection.notebook_map(tmp_path)["notebook"], helpers.collection.notebook_map(tmp_path)["status"])
    )
    assert (status["00"], status["01"], status["02"]) == ("ready", "draft", "in preparation")


def test_import_helpers_stays_light() -> None:
    import subprocess
    import sys

    code = "import sys, helpers; print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"`import helpers` pulls in heavy modules: {out}"


def test_helpers_import_and_find_data_from_any_directory(tmp_path) -> None:
    import subprocess
    import sys

    code = "import helpers; print(helpers.data_dir()); print(len(helpers.load('sources')) > 0)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.splitlines()
    assert out == [str(ROOT / "data"), "True"]
