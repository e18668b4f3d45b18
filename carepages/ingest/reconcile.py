"""Compare documents: every activity or fact on which the sources disagree, with each value."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .model import Document, _num


@dataclass
class Value:
    source: str
    line: int
    text: str
    start_hours: float | None
    end_hours: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "line": self.line,
            "text": self.text,
            "start_hours": _num(self.start_hours),
            "end_hours": _num(self.end_hours),
        }


@dataclass
class Conflict:
    topic: str
    kind: str  # "activity" or "fact"
    values: list[Value]

    def as_json(self) -> dict[str, object]:
        return {
            "topic": self.topic,
            "kind": self.kind,
            "values": [v.as_json() for v in self.values],
        }


def reconcile(docs: list[Document]) -> list[Conflict]:
    activities = [
        (h.activity, doc, h) for doc in docs for h in doc.restrictions + doc.vague_restrictions
    ]
    facts = [(f.topic, doc, f) for doc in docs for f in doc.facts]
    return _conflicts(activities, "activity") + _conflicts(facts, "fact")


def _conflicts(found: list[tuple[str, Document, Any]], kind: str) -> list[Conflict]:
    """Group what each document says by topic; a topic whose values disagree is a conflict."""
    by_topic: dict[str, list[Value]] = defaultdict(list)
    for topic, doc, hit in found:
        by_topic[topic].append(
            Value(doc.source, hit.line, hit.text, hit.start_hours, hit.end_hours)
        )
    conflicts: list[Conflict] = []
    for topic in sorted(by_topic):
        values = sorted(by_topic[topic], key=lambda v: (v.source, v.line))
        if _disagree(values):
            conflicts.append(Conflict(topic, kind, values))
    return conflicts


def _key(value: Value) -> tuple[object, ...]:
    if value.start_hours is None and value.end_hours is None:
        return ("text", " ".join(value.text.lower().split()))
    return (value.start_hours, value.end_hours)


def _disagree(values: list[Value]) -> bool:
    """At least two sources, and they do not all give the same value."""
    per_source: dict[str, set[tuple[object, ...]]] = defaultdict(set)
    for value in values:
        per_source[value.source].add(_key(value))
    if len(per_source) < 2:
        return False
    distinct = {frozenset(keys) for keys in per_source.values()}
    return len(distinct) > 1
