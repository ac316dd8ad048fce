"""The program's entry point, `incident-wizard`: with a sub-command, the command line (cli);
with none, the GUI (ui); with --self-check, the installation check (selfcheck)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from . import i18n
    from .cli import parse_args, run

    i18n.install()  # the language in force ($INCIDENT_WIZARD_LANGUAGE; French: nothing to load)
    args = parse_args(argv)
    if args.self_check:
        from .selfcheck import run_self_check

        return run_self_check()
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(getattr(args, "data_dir", None))
    return run(args)


def entry() -> int:
    """The process's entry point (the `incident-wizard` command, `python -m incident_wizard`, the
    bundle's launcher): ``main()``, then the process ends.

    Everything is saved and closed by then (the data folder, the files written); what remains
    are the modules' objects, which the operating system reclaims. ``gc.freeze()`` keeps
    Python's final garbage collections from walking them all once more: about 13 ms of every
    command and 23 ms of the window's exit on the reference machine (measured from the last
    atexit handler to the end of the process). Never called in-process (tests, benchmarks):
    objects frozen there would never be collected."""
    try:
        return main()
    finally:
        import gc

        gc.freeze()


if __name__ == "__main__":
    sys.exit(entry())
