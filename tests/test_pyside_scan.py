"""PySide6's scan of imported modules (for its optional ``from __feature__ import``) reads the
files' bytes (ui/__init__.py) and gives, for every module, the answer of PySide6's own scan:
whether ``inspect.getsource`` finds "PySide6" in the module's source."""

from __future__ import annotations

import inspect
import sys

import incident_wizard.ui  # noqa: F401 - the scan is replaced when the interface is imported
import incident_wizard.ui.main_window  # noqa: F401 - many modules, with and without Qt


def pyside_by_source(module: object) -> bool:
    """PySide6's own answer (shibokensupport.feature._mod_uses_pyside, 6.8 to 6.11)."""
    try:
        return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
    except (TypeError, OSError, SyntaxError):
        return False


def test_every_module_gets_pysides_own_answer():
    from shibokensupport import feature

    modules = [m for name, m in sorted(sys.modules.items()) if m is not None]
    assert len(modules) > 300
    answers = {getattr(m, "__name__", "?"): feature._mod_uses_pyside(m) for m in modules}
    assert answers == {getattr(m, "__name__", "?"): pyside_by_source(m) for m in modules}
    assert answers["incident_wizard.ui.main_window"] and answers["PySide6"]
    assert not answers["incident_wizard.domain.model"] and not answers["json"]


def test_a_module_imported_later_is_recorded_with_that_answer():
    from shibokensupport import feature

    # An import statement records the module it returns (here, the one named after "from").
    from incident_wizard.domain.incident_file import FORMAT  # noqa: F401
    from incident_wizard.ui.review import ReviewDialog  # noqa: F401

    assert feature.pyside_feature_dict.get("incident_wizard.ui.review") == 0
    assert feature.pyside_feature_dict.get("incident_wizard.domain.incident_file") == -1


def test_the_scan_reads_no_source_lines(monkeypatch):
    """The costly part (inspect.getsource: linecache, tokenize) is not used any more."""
    from shibokensupport import feature

    def refused(module):  # noqa: ANN001, ANN202
        raise AssertionError("inspect.getsource called")

    monkeypatch.setattr(inspect, "getsource", refused)
    assert feature._mod_uses_pyside(sys.modules["incident_wizard.ui.main_window"])
    assert not feature._mod_uses_pyside(sys.modules["incident_wizard.domain.model"])
