"""`python -m lab COMMAND`: the measurements behind BENCHMARKS.md and `make eval`."""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "bench": ("lab.bench", "run the benchmarks and write BENCHMARKS.md"),
    "bench-site": ("lab.bench_site", "generate a synthetic project of N pages"),
    "bench-ingest": ("lab.bench_ingest", "measure ingest throughput"),
    "lighthouse": ("lab.lighthouse", "Lighthouse scores of the built site"),
    "eval": ("lab.evaluate", "score the normaliser on the labelled sets"),
    "i18n": ("lab.i18n", "what the second language costs: build time, zip, page transfer"),
    "hostile-check": ("lab.hostile_check", "time `carepages check` on 1 MB of hostile Markdown"),
}
USAGE = "usage: python -m lab COMMAND [options]\n\ncommands:\n" + "\n".join(
    f"  {name:<13} {text}" for name, (_, text) in COMMANDS.items()
)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr if argv else sys.stdout)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
