"""bench-ingest: the synthetic corpus goes through the CLI's code path and reports its figures."""

from __future__ import annotations

import json

import pytest

from lab import bench_ingest as bench


def test_bench_prints_a_machine_readable_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--documents", "6", "--words", "200"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = json.loads(last)["bench_ingest"]
    assert figures["documents"] == 6
    assert figures["seconds"] > 0 and figures["docs_per_second"] > 0
