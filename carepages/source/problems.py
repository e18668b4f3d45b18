"""Problems an editor can act on: `path:line[:col]: error|warning: message`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"
    column: int | None = None

    def __post_init__(self) -> None:
        # One problem, one line of output: a value with a line break must not split it.
        if any(c in self.message for c in "\r\n"):
            flat = self.message.replace("\r", "\\r").replace("\n", "\\n")
            object.__setattr__(self, "message", flat)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.severity}: {self.message}"
