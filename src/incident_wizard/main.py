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


if __name__ == "__main__":
    sys.exit(main())
