"""The friendly error layer: one plain sentence first, the usual traceback after it.

The handler is called with real exception objects (raised and caught here, or
produced by a real IPython shell); no browser is needed.
"""

from __future__ import annotations

import sys

import pytest

import helpers
from conftest import checkout_only
from helpers import friendly


def raised(code: str, namespace: dict | None = None) -> BaseException:
    try:
        exec(compile(code, "<cell>", "exec"), {"helpers": helpers} if namespace is None else namespace)
    except BaseException as exc:
        return exc
    raise AssertionError(f"{code!r} raised nothing")


def sentence(code: str, namespace: dict | None = None) -> str:
    exc = raised(code, namespace)
    text = friendly.explain(type(exc), exc, exc.__traceback__)
    assert text, f"no friendly sentence for {type(exc).__name__}: {exc}"
    return text


def test_missing_quotes_in_a_list() -> None:
    assert sentence("answer = [United States, ROK, Japan]").startswith('Text must be in quotes: write "United States"')


def test_a_word_without_quotes_is_a_name_error_with_both_remedies() -> None:
    text = sentence("answer = ten")
    assert 'put it in quotes: "ten"' in text and "Run All Above" in text


@checkout_only  # the names come from reading the checkout's notebooks
def test_a_name_from_the_cells_above() -> None:
    # names the notebooks define (found by reading them), used before their cell has run
    for name in ("commitments", "table", "yearly", "helpers"):
        exc = raised(f"{name}.head()", {})  # a fresh kernel: nothing defined yet
        text = friendly.explain(type(exc), exc)
        assert "run the cells above first (Run \u2192 Run All Above" in text, (name, text)
        assert "put it in quotes" not in text


def test_misspelt_dataset_names_the_closest() -> None:
    text = sentence('helpers.load("pow_escape")')
    assert "no dataset called 'pow_escape'" in text and "'pow_escapes'" in text


def test_lowercase_commitment_id() -> None:
    import helpers

    # The card itself now reads a lowercase id; where an id is looked up elsewhere, the sentence helps.
    card = helpers.statement.commitment_card(
        "c07", helpers.load("commitments"), helpers.load("commitment_coi_links"), helpers.load("commitment_followup")
    )
    assert card.startswith("### C07")
    text = sentence('{"C07": 1}["c07"]')
    assert text is None or "C07" in text
    assert "'C09'" in sentence('helpers.capstone.evidence("C99")')


def test_curly_quotes_and_unclosed_text() -> None:
    assert "straight quotes" in sentence("x = \u201cUnited States\u201d")
    assert "missing its closing quote" in sentence('x = "United States')


def test_nothing_is_added_where_nothing_helps() -> None:
    exc = raised("1 / 0")
    assert friendly.explain(type(exc), exc) is None


class FakeShell:
    """Just enough of IPython's shell for the handler: records what would be shown."""

    def __init__(self) -> None:
        from IPython.core import ultratb

        self.InteractiveTB = ultratb.AutoFormattedTB(mode="Context", theme_name="nocolor")
        self.SyntaxTB = ultratb.SyntaxTB(theme_name="nocolor")
        self.shown: list[tuple[type, BaseException, list[str]]] = []

    def _showtraceback(self, etype, value, stb):
        self.shown.append((etype, value, stb))


def test_handler_puts_the_sentence_first_and_keeps_the_traceback() -> None:
    shell = FakeShell()
    exc = raised("answer = ten")
    friendly.handler(shell, type(exc), exc, exc.__traceback__)
    ((etype, value, stb),) = shell.shown
    assert etype is NameError and value is exc
    assert "put it in quotes" in stb[0]
    assert "NameError" in "".join(stb[1:]) and "name 'ten' is not defined" in "".join(stb[1:])


def test_handler_leaves_other_errors_unchanged() -> None:
    shell = FakeShell()
    exc = raised("1 / 0")
    friendly.handler(shell, type(exc), exc, exc.__traceback__)
    stb = shell.shown[0][2]
    assert "\U0001f4a1" not in "".join(stb) and "ZeroDivisionError" in "".join(stb)


def test_in_a_real_ipython_shell(capsys: pytest.CaptureFixture[str]) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert friendly.install(shell)
        shell.run_cell("answer = [United States, ROK, Japan]")
        shell.run_cell('import helpers\nhelpers.load("pow_escape")')
        result = shell.run_cell("answer = ten")
        assert isinstance(result.error_in_exec, NameError)  # still an error: the cell fails as before
        out = capsys.readouterr().out
        assert 'Text must be in quotes: write "United States"' in out and "SyntaxError" in out
        assert "'pow_escapes'" in out and "UnknownDatasetError" in out
        assert 'put it in quotes: "ten"' in out and "NameError" in out
        assert out.index("Text must be in quotes") < out.index("SyntaxError")
    finally:
        friendly.uninstall(shell)
        InteractiveShell.clear_instance()


def test_not_installed_outside_ipython() -> None:
    if "IPython" in sys.modules and sys.modules["IPython"].get_ipython() is not None:
        pytest.skip("running inside IPython")
    assert friendly.install() is False


def test_hinted_widget_reads_as_one_line() -> None:
    import ipywidgets as widgets

    inner = widgets.VBox([widgets.Dropdown(options=["a", "b"])])
    assert inner._repr_mimebundle_()["text/plain"].startswith("VBox(")
    box = friendly.hinted(inner, "Dataset browser")
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"].startswith(
        "Dataset browser (a widget): run this cell in JupyterLab to use it; a static version follows."
    )
    assert "application/vnd.jupyter.widget-view+json" in bundle and box.children == (inner,)
