"""`python -m carepages COMMAND`: one entry point for editors, the Makefile and CI."""

from __future__ import annotations

import importlib
import sys

# command → (module with main(argv) -> int, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("carepages.checks", "validate content/ and the clinic settings"),
    "build": ("carepages.site.build", "check, build site/ and dist/carepages-site.zip atomically"),
    "serve": ("carepages.site.build", "live preview for editors"),
    "new": ("carepages.site.scaffold", "scaffold a new treatment folder"),
    "ingest": ("carepages.ingest.cli", "turn source documents into a draft treatment"),
    "plan": ("carepages.components.plan_cli", "print what the recovery plan says on one day"),
}

USAGE = "usage: python -m carepages COMMAND [options]\n\ncommands:\n" + "\n".join(
    f"  {name:<13} {text}" for name, (_, text) in COMMANDS.items()
)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"carepages: unknown command '{name}'\n\n{USAGE}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    entry = getattr(module, "main_" + name.replace("-", "_"), None) or module.main
    try:
        return entry(rest)
    except KeyboardInterrupt:
        print("carepages: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`… | head`): nothing more to say, and nowhere to say it.
        _quiet_stdout()
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"carepages: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except RecursionError:
        print("carepages: a file is nested too deeply to read", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - an editor sees one line, never a traceback
        print(
            f"carepages: stopped by an unexpected problem ({exc.__class__.__name__}: {exc}); "
            "the last good site is unchanged",
            file=sys.stderr,
        )
        return 1


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not fail on the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
