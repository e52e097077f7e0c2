"""The `oranje` command: Django's management commands with Oranje's settings preset."""

import os
import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "match-eval":
        # The matching engine needs no database or settings: run it without Django.
        from oranje.matching.cli import main as match_eval

        raise SystemExit(match_eval(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] in ("--version", "-V"):
        # Django's own --version would answer Django's version; an operator asks for Oranje's.
        from oranje import __version__

        print(f"oranje {__version__}")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oranje.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
