"""Setup that explains itself (issue 26, item 2): before Qt starts, scripts/run and scripts/test
check the system libraries of Qt's platform plugin and, when some are missing, print the one
install line in French and English instead of Qt's English abort (as root, they install them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "scripts" / "check-qt-libraries"

pytestmark = pytest.mark.linux("Linux system libraries")


def run_check(tmp_path, platform: str, ldd_output: str | None = None):
    env = {**os.environ, "INCIDENT_WIZARD_NO_INSTALL": "1", "PYTHON_FOR_QT": sys.executable}
    if ldd_output is not None:  # what the dynamic linker would say on a bare machine
        fake = tmp_path / "ldd"
        fake.write_text(f"#!/bin/sh\ncat <<'EOF'\n{ldd_output}\nEOF\n", encoding="utf-8")
        fake.chmod(0o755)
        env["LDD"] = str(fake)
    return subprocess.run(["bash", str(CHECK), platform], capture_output=True, text=True, timeout=60, env=env)


def test_a_bare_x_display_gets_the_install_line_in_french_and_english(tmp_path):
    done = run_check(tmp_path, "xcb", "\n".join([
        "\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f)",
        "\tlibxcb-cursor.so.0 => not found",
        "\tlibxcb-icccm.so.4 => not found",
        "\tlibxcb-icccm.so.4 => not found",
        "\tlibxcb-keysyms.so.1 => not found",
    ]))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == ("Qt ne peut pas démarrer (plateforme « xcb ») : bibliothèques système manquantes : "
                        "libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1.")
    assert lines[3].startswith("Qt cannot start (platform \"xcb\"): missing system libraries: ")
    install = "    sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
    assert lines.count(install) == 2  # the same one line, under the French and the English text
    assert done.stdout == ""


def test_a_library_without_a_known_package_is_named(tmp_path):
    done = run_check(tmp_path, "offscreen", "\tlibunheard-of.so.7 => not found")
    assert done.returncode == 1
    assert "    sudo apt-get install libunheard-of.so.7" in done.stderr.splitlines()


def test_nothing_is_said_when_nothing_is_missing(tmp_path):
    done = run_check(tmp_path, "offscreen")  # this machine runs the tests offscreen
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = run_check(tmp_path, "offscreen", "\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f)")
    assert (done.returncode, done.stderr) == (0, "")


def test_run_and_test_check_before_starting_qt_and_the_readme_lists_the_libraries():
    run = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    test = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert run.index("./scripts/check-qt-libraries\n") < run.index("exec .venv/bin/incident-wizard")
    assert test.index("./scripts/check-qt-libraries offscreen\n") < test.index("exec .venv/bin/python -m pytest")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1"):
        assert package in readme


def test_a_wayland_session_falls_back_to_x11_as_qt_does(tmp_path):
    """Qt uses XWayland when its Wayland plugin cannot load: only then is nothing missing."""
    fake = tmp_path / "ldd"
    fake.write_text('#!/bin/sh\ncase "$1" in *wayland*) echo "\tlibwayland-cursor.so.0 => not found";; '
                    '*) echo "\tlibxcb-cursor.so.0 => ${XCB:-/lib/libxcb-cursor.so.0}";; esac\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "INCIDENT_WIZARD_NO_INSTALL": "1", "PYTHON_FOR_QT": sys.executable, "LDD": str(fake),
           "WAYLAND_DISPLAY": "wayland-0"}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(["bash", str(CHECK)], capture_output=True, text=True, timeout=60, env=env)
    assert (done.returncode, done.stderr) == (0, "")
    done = subprocess.run(["bash", str(CHECK)], capture_output=True, text=True, timeout=60,
                          env={**env, "XCB": "not found"})
    assert done.returncode == 1 and "plateforme « xcb »" in done.stderr and "libxcb-cursor0" in done.stderr
