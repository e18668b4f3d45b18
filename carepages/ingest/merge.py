"""Merge the documents about one treatment into what a draft proposes: each fact once, with
all its sources; the timeline in a few steps; restrictions at their cautious values; the
questions merged; and the claims a clinician would reject set aside for review.

Support counts sites, not copies: documents that are near copies of one another (syndicated
text) count as one site.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from carepages.model.activities import BUILT_IN, Activity
from carepages.model.days import resume_day
from carepages.model.sections import FaqTopic, Section
from carepages.model.treatment import MAX_SPAN_HOURS

from . import claims as claim_rules
from .clean import without_opener
from .faq import topic_for
from .model import NOISE, Claim, Clause, Document, RestrictionHit
from .pipeline import _DO, annotate
from .reconcile import Conflict
from .similar import FACETS, SAME_FACT, Keys, neighbours, similarity, weights
from .vocabulary import PROTECTIVE, UNLISTED, Vocabulary

MEDICATION = "medication"
# Fewer words than this, and a clause is a fragment, not a fact ("Tightness").
_MIN_WORDS = 3
# Two documents sharing this share of their 5-word runs are copies of one page.
_COPY_SHARE = 0.5
# Questions merge when their keys are this alike.
SAME_QUESTION = 70.0
_MAX_STEP_ITEMS = 5
_MAX_ANSWER_WORDS = 70


@dataclass(frozen=True, order=True)
class Where:
    """A place in a source: the document's number (1-based, as in `s1`) and the line."""

    doc: int
    line: int

    def __str__(self) -> str:
        return f"s{self.doc}:{self.line}"


@dataclass
class Statement:
    """One clause of a source that may carry a fact."""

    where: Where
    site: int
    section: str
    text: str  # the clause, its linking opener dropped
    clause: Clause
    key: str = ""
    consumed: bool = False  # fully said by a restriction
    item: bool = False  # a list item: a few words can be a whole fact ("Acne scars")
    medicine: bool = False  # about a medicine: a clinician decides what the page says


@dataclass
class Fact:
    """Statements that say the same thing; `text` is the one the draft shows."""

    statements: list[Statement]
    text: str
    section: str
    place: str = "overview"  # overview, timeline, faq, call-us

    @property
    def where(self) -> list[Where]:
        return sorted({s.where for s in self.statements})

    @property
    def support(self) -> int:
        return len({s.site for s in self.statements})

    @property
    def medicine(self) -> bool:
        return any(s.medicine for s in self.statements)


@dataclass
class Value:
    """What one source says about an activity, as hours relative to the treatment."""

    where: Where
    text: str
    start: float | None
    end: float | None
    word: str


@dataclass
class RestrictionDraft:
    activity: str
    before: int | None  # the earliest start any source gives before the treatment
    after: int | None  # the latest end any source gives after it
    values: list[Value]
    what: list[str]

    @property
    def spans(self) -> list[tuple[int, int]]:
        out = []
        if self.before is not None:
            out.append((self.before, 0))
        if self.after is not None:
            out.append((0, self.after))
        return out


@dataclass
class Step:
    id: str
    title: str
    start: int
    end: int | None
    notice: list[Fact] = field(default_factory=list)
    do: list[Fact] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)  # activity ids


@dataclass
class Answer:
    where: Where
    question: str
    text: str
    statements: list[Statement]
    support: float


@dataclass
class Question:
    question: str
    topic: FaqTopic
    answers: list[Answer]  # best-supported first
    # Every source of the facts the best answer states (other sources may state them too).
    supported_by: list[Where] = field(default_factory=list)

    @property
    def where(self) -> list[Where]:
        return sorted(
            {a.where for a in self.answers}
            | {s.where for s in self.statements}
            | set(self.supported_by)
        )

    @property
    def statements(self) -> list[Statement]:
        return self.answers[0].statements if self.answers else []


@dataclass
class Flagged:
    where: Where
    text: str
    claims: list[Claim]


@dataclass
class Disagreement:
    topic: str
    published: str
    sources_say: list[tuple[Where, str]]


@dataclass
class Merged:
    docs: list[Document]
    site_of: list[int]
    title: str
    summary: str
    summary_where: Where | None
    facts: list[Fact]
    steps: list[Step]
    restrictions: list[RestrictionDraft]
    questions: list[Question]
    call_us: list[Fact]
    flagged: list[Flagged]
    disagreements: list[Disagreement]
    medicines: list[Value]
    unlisted: list[Value]
    treatment_mentions: int = 0  # activity words that named the treatment itself

    def overview(self, section: str) -> list[Fact]:
        return [f for f in self.facts if f.place == "overview" and f.section == section]


# --- sites and topic ---------------------------------------------------------------------


def _doc_words(doc: Document) -> list[str]:
    return re.findall(r"[a-z0-9]+", " ".join(b.text for b in doc.blocks).lower())


def sites(docs: list[Document]) -> list[int]:
    """The site of each document: near copies (half their 5-word runs shared) share one."""
    shingles = []
    for doc in docs:
        words = _doc_words(doc)
        shingles.append({tuple(words[i : i + 5]) for i in range(max(0, len(words) - 4))})
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            a, b = shingles[i], shingles[j]
            if a and b and len(a & b) >= _COPY_SHARE * min(len(a), len(b)):
                parent[root(j)] = root(i)
    roots: dict[int, int] = {}
    return [roots.setdefault(root(i), len(roots)) for i in range(len(docs))]


_GENERIC = frozenset(
    [
        "what",
        "when",
        "how",
        "why",
        "who",
        "which",
        "where",
        "is",
        "are",
        "the",
        "a",
        "an",
        "to",
        "of",
        "for",
        "and",
        "or",
        "your",
        "you",
        "my",
        "our",
        "on",
        "in",
        "at",
        "by",
        "with",
        "from",
        "about",
        "after",
        "before",
        "during",
        "care",
        "aftercare",
        "guide",
        "instructions",
        "instruction",
        "expect",
        "day",
        "days",
        "process",
        "treatment",
        "treatments",
        "procedure",
        "skin",
        "post",
        "pre",
        "everything",
        "need",
        "know",
        "real",
        "effects",
        "effect",
        "first",
        "having",
        "explore",
        "today",
        "discover",
        "basic",
        "things",
        "questions",
        "frequently",
        "asked",
        "faq",
        "top",
        "page",
        "bottom",
        "vs",
        "can",
        "do",
        "does",
        "will",
        "be",
        "it",
        "this",
        "that",
        "having",
        "have",
        "has",
        "get",
        'getting".split()',
    ]
)


def topic(docs: list[Document]) -> str:
    """What the documents are about, in the words their titles and headings use most
    ("Chemical peel", "Microneedling"), for the draft's title."""
    heads = [doc.title for doc in docs] + [
        b.text for doc in docs for b in doc.blocks if b.kind == "heading" and b.section != NOISE
    ]
    candidates: Counter[str] = Counter()
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for head in heads:
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", head)
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if gram[0].lower() in _GENERIC or gram[-1].lower() in _GENERIC:
                    continue
                squeezed = "".join(gram).lower()
                if len(squeezed) > 4 and squeezed.endswith("s") and not squeezed.endswith("ss"):
                    squeezed = squeezed[:-1]  # "peels" and "peel" are one name
                candidates[squeezed] += 1
                written[squeezed][" ".join(gram)] += 1
    if not candidates:
        return ""
    squeezed_docs = [re.sub(r"[^a-z0-9]", "", " ".join(_doc_words(d))) for d in docs]

    def score(candidate: str) -> tuple[int, int, int]:
        df = sum(candidate in text for text in squeezed_docs)
        return df, candidates[candidate], len(candidate)

    best = max(candidates, key=score)
    # A longer name that nearly every document uses wins over a word inside it.
    df = score(best)[0]
    longer = [c for c in candidates if best in c and c != best and score(c)[0] >= 0.6 * df]
    if longer:
        best = max(longer, key=score)
    form = written[best].most_common(1)[0][0]
    return form[:1].upper() + form[1:].lower()


# --- statements and facts ----------------------------------------------------------------


def _statements(docs: list[Document], site_of: list[int], keys: Keys) -> list[Statement]:
    out: list[Statement] = []
    for number, doc in enumerate(docs, start=1):
        for block in doc.blocks:
            if block.section == NOISE or block.kind == "heading" or block.why == "title":
                continue
            for clause in block.clauses:
                text = without_opener(clause.text)
                short = len(text.split()) < (1 if block.kind == "item" else _MIN_WORDS)
                key = keys.key(text)
                if clause.filler or short or not key:
                    continue  # "Day one." alone says nothing
                out.append(
                    Statement(
                        Where(number, block.line),
                        site_of[number - 1],
                        block.section,
                        text,
                        clause,
                        key,
                        item=block.kind == "item",
                    )
                )
    return out


def _words(text: str) -> int:
    return len(text.split())


def _preference(statement: Statement) -> tuple[int, int]:
    """Which statement of a fact the draft shows: a plain sentence of 6 to 25 words first,
    then the shortest."""
    words = _words(statement.text)
    plain = 6 <= words <= 25 and statement.text[-1:] in ".!" and not statement.clause.claims
    return (0 if plain else 1, words)


def cluster(statements: list[Statement], threshold: float = SAME_FACT) -> list[list[Statement]]:
    """Group statements that state the same fact, by average linkage: the two groups whose
    members are most alike on average merge first, while that average is at least
    `threshold`, so one long sentence cannot chain unrelated facts together."""
    keys = [s.key for s in statements]
    weight = weights(keys)
    near = neighbours(keys, threshold * 0.8, weight)
    members: dict[int, list[int]] = {i: [i] for i in range(len(statements))}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(len(statements))}
    heap: list[tuple[float, int, int]] = []
    for i, found in enumerate(near):
        for j, score in found.items():
            if j > i:
                sums[i][j] = sums[j][i] = score
                heapq.heappush(heap, (-score, i, j))
    next_id = len(statements)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        average = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(-negative - average) > 1e-9:
            continue  # stale: the groups changed since this pair was queued
        if average < threshold:
            break
        merged_id = next_id
        next_id += 1
        members[merged_id] = members.pop(a) + members.pop(b)
        sums[merged_id] = {}
        for other in set(sums[a]) | set(sums[b]):
            if other in (a, b) or other not in members:
                continue
            total = sums[a].get(other, 0.0) + sums[b].get(other, 0.0)
            sums[merged_id][other] = total
            sums[other][merged_id] = total
            sums[other].pop(a, None)
            sums[other].pop(b, None)
            score = total / (len(members[merged_id]) * len(members[other]))
            if score >= threshold:
                heapq.heappush(heap, (-score, min(merged_id, other), max(merged_id, other)))
        del sums[a], sums[b]
    return [
        [statements[i] for i in sorted(group)]
        for _, group in sorted(members.items(), key=lambda item: min(item[1]))
    ]


def _facets(statements: list[Statement]) -> list[Fact]:
    """Facts about one thing (redness, collagen, a cold-sore history...) that two or more
    sites state in one section, whatever their wording. A sentence naming several things
    supports each of them; the fact shows the sentence most about its thing."""
    by_facet: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        if statement.clause.call_us:
            continue  # a warning sign stays a sign of its own
        tokens = set(statement.key.split())
        for token in tokens:
            facet = token.lstrip("#")
            if token in FACETS or (token.startswith("#") and facet != MEDICATION):
                by_facet[token].append(statement)
    facts: list[Fact] = []
    shown: dict[int, Fact] = {}
    for token, members in sorted(by_facet.items(), key=lambda i: (-len(i[1]), i[0])):
        if len({m.site for m in members}) < 2:
            continue

        def focus(s: Statement, token: str = token) -> tuple[int, int, int]:
            facets = sum(1 for t in s.key.split() if t in FACETS or t.startswith("#"))
            plain, words = _preference(s)
            return plain, facets, words

        best = min(members, key=focus)
        if id(best) in shown:
            # Two things stated by the same sentences are one fact.
            fact = shown[id(best)]
            fact.statements += [m for m in members if m not in fact.statements]
            continue
        sections = Counter(m.section for m in members)
        fact = Fact(list(members), _sentence(best.text), max(sections, key=sections.__getitem__))
        shown[id(best)] = fact
        facts.append(fact)
    return facts


def _fact(group: list[Statement]) -> Fact:
    shown = min(group, key=_preference)
    sections = Counter(s.section for s in group)
    section = max(
        sections, key=lambda s: (sections[s], -min(x.where for x in group if x.section == s).doc)
    )
    return Fact(group, _sentence(shown.text), section)


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?:":
        text += "."
    return text


# --- restrictions --------------------------------------------------------------------------


def _in_topic(word: str, title: str) -> bool:
    squeezed = re.sub(r"[^a-z]", "", word.lower())
    name = re.sub(r"[^a-z]", "", title.lower())
    return bool(name) and (squeezed.startswith(name) or name.startswith(squeezed.rstrip("s")))


def _values(docs: list[Document], title: str, hits: str) -> tuple[dict[str, list[Value]], int]:
    by_activity: dict[str, list[Value]] = defaultdict(list)
    skipped = 0
    for number, doc in enumerate(docs, start=1):
        for hit in getattr(doc, hits):
            assert isinstance(hit, RestrictionHit)
            if _in_topic(hit.word, title):
                skipped += 1  # "after your chemical peel" names the treatment, not an activity
                continue
            by_activity[hit.activity].append(
                Value(Where(number, hit.line), hit.text, hit.start_hours, hit.end_hours, hit.word)
            )
    return by_activity, skipped


def _restrictions(
    timed: dict[str, list[Value]], untimed: dict[str, list[Value]], order: list[str]
) -> list[RestrictionDraft]:
    out: list[RestrictionDraft] = []
    for activity in order:
        if activity in (MEDICATION, UNLISTED) or activity not in timed:
            continue
        values = sorted(timed[activity] + untimed.get(activity, []), key=lambda v: v.where)
        befores = [
            v.start
            for v in timed[activity]
            if v.start is not None and v.end is not None and v.end <= 0
        ]
        afters = [v.end for v in timed[activity] if v.end is not None and v.end > 0]
        before = int(min(befores)) if befores else None
        # A year is the longest span the schema takes; longer values are typos in a source.
        after = min(int(-(-max(afters) // 1)), MAX_SPAN_HOURS) if afters else None
        words: list[str] = []
        for value in values:
            word = value.word.lower()
            if word not in words:
                words.append(word)
        if before is None and after is None:
            continue
        out.append(
            RestrictionDraft(
                activity, max(before, -MAX_SPAN_HOURS) if before else None, after, values, words
            )
        )
    return out


def _joined(*found: dict[str, list[Value]]) -> dict[str, list[Value]]:
    out: dict[str, list[Value]] = defaultdict(list)
    for one in found:
        for activity, values in one.items():
            out[activity] += values
    return out


def _consumes(statement: Statement, restricted: set[tuple[Where, str]]) -> bool:
    """A clause that only says to avoid an activity is said by its restriction."""
    return (
        (statement.clause.kind == "avoid" or statement.item)
        and (statement.where, statement.clause.text) in restricted
        and not _DO.test(statement.text)
    )


# --- the timeline --------------------------------------------------------------------------

# The steps a draft proposes: (first hour, end hour, id, title). Only steps with something
# in them are kept.
WINDOWS: tuple[tuple[int, int | None, str, str], ...] = (
    (-8760, -168, "weeks-before", "More than a week before"),
    (-168, -24, "week-before", "The week before"),
    (-24, 0, "day-before", "The day before"),
    (0, 24, "day-1", "Day 1"),
    (24, 72, "days-2-3", "Days 2 and 3"),
    (72, 168, "days-4-7", "Days 4 to 7"),
    (168, 336, "week-2", "Week 2"),
    (336, None, "week-3-on", "Week 3 and after"),
)


def _window(hours: float) -> int:
    for index, (start, end, _, _) in enumerate(WINDOWS):
        if hours >= start and (end is None or hours < end):
            return index
    return 0


def _placement(statement: Statement) -> float | None:
    """The hour a timed statement belongs to: where its first span starts, or, for a long
    stretch from the treatment ("keeps improving for weeks"), where it ends."""
    spans = statement.clause.spans
    if not spans:
        return None
    first = spans[0]
    if first.start_hours == 0 and first.end_hours is not None and first.end_hours > 72:
        return first.end_hours - 1
    return first.start_hours


def _steps(facts: list[Fact], restrictions: list[RestrictionDraft]) -> list[Step]:
    found: dict[int, Step] = {}

    def step(index: int) -> Step:
        if index not in found:
            start, end, sid, title = WINDOWS[index]
            found[index] = Step(sid, title, start, end)
        return found[index]

    timed_sections = {Section.PREPARATION, Section.DURING, Section.AFTER}
    for fact in facts:
        if fact.place != "overview" or fact.section not in timed_sections:
            continue
        placed = [_placement(s) for s in fact.statements if _placement(s) is not None]
        if not placed or 2 * len(placed) < len(fact.statements):
            continue
        hours = Counter(_window(h) for h in placed if h is not None).most_common(1)[0][0]
        kind = Counter(s.clause.kind for s in fact.statements).most_common(1)[0][0]
        target = step(hours)
        # What to avoid that is no activity ("do not pick at flakes") is still advice to act on.
        bucket = target.do if kind in ("do", "avoid") else target.notice
        bucket.append(fact)
        fact.place = "timeline"
    for restriction in restrictions:
        for start, end in restriction.spans:
            for index, (w_start, w_end, _, _) in enumerate(WINDOWS):
                if (w_end is None or start < w_end) and w_start < end:
                    step(index).avoid.append(restriction.activity)
    steps = [found[i] for i in sorted(found)]
    for item in steps:
        for name in ("notice", "do"):
            ranked = sorted(getattr(item, name), key=lambda f: (-f.support, f.where[0]))
            for dropped in ranked[_MAX_STEP_ITEMS:]:
                dropped.place = "overview"
            setattr(item, name, ranked[:_MAX_STEP_ITEMS])
    # A step's bounds: its window, the first one starting where its earliest item does.
    first_end = WINDOWS[0][1]
    if steps and steps[0].start == WINDOWS[0][0] and first_end is not None:
        earliest = [r.before for r in restrictions if r.before is not None and r.before < first_end]
        starts = [
            _placement(s)
            for f in steps[0].notice + steps[0].do
            for s in f.statements
            if _placement(s) is not None
        ]
        low = min([*earliest, *(int(h) for h in starts if h is not None)], default=-336)
        steps[0].start = max(-8760, low)
    return [s for s in steps if s.notice or s.do or s.avoid]


def _one_bullet_each(facts: list[Fact], steps: list[Step], keys: Keys) -> list[Fact]:
    """No two bullets of one list (a section of the overview, a step's notice or do list)
    that the measure rates as one fact: the later joins the earlier."""

    def fold(group: list[Fact]) -> list[Fact]:
        kept: list[Fact] = []
        for fact in sorted(group, key=lambda f: (-f.support, f.where[0])):
            key = keys.key(fact.text)
            same = next((k for k in kept if similarity(keys.key(k.text), key) >= SAME_FACT), None)
            if same is None:
                kept.append(fact)
            else:
                same.statements += [s for s in fact.statements if s not in same.statements]
                fact.place = "merged"
        return kept

    for section in Section:
        fold([f for f in facts if f.place == "overview" and f.section == section])
    for step in steps:
        step.notice = fold(step.notice)
        step.do = fold(step.do)
    return [f for f in facts if f.place != "merged"]


# --- questions -----------------------------------------------------------------------------


def _questions(
    docs: list[Document],
    site_of: list[int],
    keys: Keys,
    by_place: dict[tuple[Where, str], Statement],
    fact_of: dict[int, Fact],
) -> list[Question]:
    items = []
    for number, doc in enumerate(docs, start=1):
        for item in doc.faq:
            items.append((number, item))
    if not items:
        return []
    question_keys = [keys.key(item.question) for _, item in items]
    near = [list(found) for found in neighbours(question_keys, SAME_QUESTION)]
    free = set(range(len(items)))
    out: list[Question] = []
    for index in range(len(items)):
        if index not in free:
            continue
        members = sorted({index, *free.intersection(near[index])})
        free.difference_update(members)
        answers: list[Answer] = []
        for member in members:
            number, item = items[member]
            lines = set(item.answer_lines)
            said = [
                by_place[(Where(number, block.line), clause.text)]
                for block in docs[number - 1].blocks
                if block.line in lines
                for clause in block.clauses
                if (Where(number, block.line), clause.text) in by_place
            ]
            usable = [s for s in said if not s.clause.claims]
            support = sum(fact_of[id(s)].support for s in usable) / len(usable) if usable else 0.0
            answers.append(
                Answer(Where(number, item.line), item.question, _answer(usable), usable, support)
            )
        answers.sort(key=lambda a: (-a.support, -len(a.text), a.where))
        best = answers[0]
        question = _sentence(best.question).rstrip(".") if best.question else best.question
        if not question.endswith("?"):
            question += "?"
        out.append(Question(question, topic_for(question), answers))
    return out


def _answer(statements: list[Statement]) -> str:
    words = 0
    parts: list[str] = []
    for statement in statements:
        count = _words(statement.text)
        if parts and words + count > _MAX_ANSWER_WORDS:
            break
        parts.append(_sentence(statement.text))
        words += count
    return " ".join(parts)


# --- disagreements -------------------------------------------------------------------------


def _hours_in_words(hours: float) -> str:
    hours = int(hours)
    if hours % 168 == 0 and hours >= 336:
        return f"{hours // 168} weeks"
    if hours % 24 == 0 and hours >= 48:
        return f"{hours // 24} days"
    if hours == 24:
        return "1 day"
    return f"{hours} hours"


def _activity_disagreement(restriction: RestrictionDraft, label: str) -> Disagreement | None:
    values = {(v.start, v.end) for v in restriction.values}
    if len({v.where.doc for v in restriction.values}) < 2 or len(values) < 2:
        return None
    parts = []
    if restriction.before is not None:
        parts.append(f"for {_hours_in_words(-restriction.before)} before")
    if restriction.after is not None:
        day = resume_day(restriction.after)
        parts.append(f"for {_hours_in_words(restriction.after)} after (until day {day})")
    published = (
        f"PROPOSED: avoid {label.lower()} "
        + " and ".join(parts)
        + ", the longest any source gives."
    )
    return Disagreement(label, published, [(v.where, v.text) for v in restriction.values])


def _fact_disagreements(
    conflicts: list[Conflict], number_of: dict[str, int], title: str
) -> list[Disagreement]:
    out = []
    for conflict in conflicts:
        named = [w for w in re.findall(r"[a-z]+", title.lower()) if len(w) > 3]
        if conflict.kind != "fact" or any(w in conflict.topic for w in named):
            continue  # "peeling" after a peel: the treatment's own name, not a fact
        ends = [v.end_hours for v in conflict.values if v.end_hours is not None]
        if conflict.topic == "how often":
            published = (
                "PROPOSED: your clinician plans how many sessions you need and how far apart."
            )
        elif ends:
            published = (
                f"PROPOSED: {conflict.topic} can last up to {_hours_in_words(max(ends))}, "
                "the longest any source gives."
            )
        else:
            published = "TODO: no source gives a number; say what the clinic expects."
        said = [(Where(number_of[v.source], v.line), v.text) for v in conflict.values]
        out.append(Disagreement(conflict.topic.capitalize(), published, said))
    return out


_SPF = re.compile(r"\bspf\s*(?:of\s+)?(\d{1,2})\b|\b(?:factor|spf)\s+(\d{1,2})\b", re.I)


def _sunscreen(statements: list[Statement]) -> Disagreement | None:
    found: list[tuple[Where, str, int]] = []
    for s in statements:
        for match in _SPF.finditer(s.clause.text):
            found.append((s.where, s.clause.text, int(match.group(1) or match.group(2))))
    if len({n for _, _, n in found}) < 2 or len({w.doc for w, _, _ in found}) < 2:
        return None
    top = max(n for _, _, n in found)
    return Disagreement(
        "Sunscreen strength",
        f"PROPOSED: SPF {top} or higher, the highest any source asks for.",
        [(w, t) for w, t, _ in found],
    )


# "Do not apply any moisturizer", "no sunscreen", "skip the serum": a protective step skipped.
_SKIPS_PROTECTION = re.compile(
    r"\b(?:do\s+not|don[\u2019']?t|never|avoid|no|skip)\s+(?:\w+\s+){0,3}?"
    r"(?P<word>moisturi[sz]\w*|sunscreens?|sun\s*block|spf|cleansers?|serums?)\b",
    re.I,
)


def _protective(statements: list[Statement]) -> list[Disagreement]:
    """A source that says to skip a protective step (moisturiser, sunscreen) disagrees with
    the others; that is flagged for a clinician, never turned into a cautious value."""
    out = []
    for s in statements:
        clause = s.clause
        match = _SKIPS_PROTECTION.search(clause.text)
        if not match or not PROTECTIVE.test(match.group("word")):
            continue
        word = match.group("word").lower()
        others = [
            (o.where, o.clause.text)
            for o in statements
            if o.where.doc != s.where.doc
            and o.clause.kind == "do"
            and word[:6] in o.clause.text.lower()
        ]
        out.append(
            Disagreement(
                word.capitalize(),
                "TODO: a clinician decides; a source says to skip this protective step, "
                "so ingest proposes no value.",
                [(s.where, clause.text), *others[:5]],
            )
        )
        s.clause.claims.append(
            Claim(
                claim_rules.CONTRADICTS,
                "tells patients to skip a protective step; a clinician decides",
            )
        )
    return [d for d in out if len(d.sources_say) >= 2]


_DAILY_LIFE = re.compile(r"\b(?:regular|normal|daily|usual)\s+(?:activities|life|routine)\b", re.I)


# --- the whole merge -----------------------------------------------------------------------


def merge(
    docs: list[Document],
    conflicts: list[Conflict],
    vocabulary: Vocabulary,
    activities: Iterable[Activity] = BUILT_IN,
) -> Merged:
    labels = {a.id: a.label for a in activities}
    order = [a.id for a in activities]
    for doc in docs:
        annotate(doc)
    site_of = sites(docs)
    title = topic(docs) or "This treatment"
    keys = Keys(vocabulary, title)
    statements = _statements(docs, site_of, keys)

    timed, skipped = _values(docs, title, "restrictions")
    vague, skipped_vague = _values(docs, title, "vague_restrictions")
    untimed, skipped_untimed = _values(docs, title, "untimed_restrictions")
    restrictions = _restrictions(timed, _joined(untimed, vague), order)
    restricted = {(v.where, v.text) for r in restrictions for v in r.values}
    # What a source says about medicines is listed for a clinician, never proposed.
    medicine = {
        (v.where, v.text) for found in (timed, vague, untimed) for v in found.get(MEDICATION, [])
    }
    for statement in statements:
        statement.consumed = _consumes(statement, restricted)
        statement.medicine = (statement.where, statement.clause.text) in medicine

    disagreements: list[Disagreement] = []
    disagreements += _protective(statements)
    cautious = {r.activity: r.after for r in restrictions if r.after is not None}
    for statement in statements:
        soon = claim_rules.permission_hours(statement.clause.text, statement.clause.spans)
        if soon is None or statement.section == Section.PREPARATION:
            continue
        if _DAILY_LIFE.search(statement.clause.text):
            continue  # "back to daily life the same day, but avoid the sun": no permission
        for activity, _ in vocabulary.find(statement.clause.text):
            limit = cautious.get(activity)
            if limit is not None and soon < limit:
                statement.clause.claims.append(
                    Claim(
                        claim_rules.CONTRADICTS,
                        f"allows {labels.get(activity, activity).lower()} after "
                        f"{_hours_in_words(soon) if soon else 'no wait'}; the cautious value is "
                        f"{_hours_in_words(limit)}",
                    )
                )
                break

    flagged = [
        Flagged(s.where, s.clause.text, s.clause.claims) for s in statements if s.clause.claims
    ]
    # A claim in a title, a heading or a filler line is not content either, but a reviewing
    # clinician still sees it listed.
    listed = {(f.where, f.text) for f in flagged}
    for number, doc in enumerate(docs, start=1):
        for block in doc.blocks:
            if block.section == NOISE:
                continue
            for clause in block.clauses:
                place = (Where(number, block.line), clause.text)
                if clause.claims and place not in listed:
                    flagged.append(Flagged(place[0], clause.text, clause.claims))
                    listed.add(place)
    flagged.sort(key=lambda f: f.where)
    usable = [s for s in statements if not s.clause.claims and not s.consumed]
    facts = _facets(usable)
    covered = {id(s) for f in facts for s in f.statements}
    facts += [_fact(group) for group in cluster([s for s in usable if id(s) not in covered])]
    fact_of: dict[int, Fact] = {}
    for fact in facts:
        for statement in fact.statements:
            if id(statement) not in fact_of or fact.support > fact_of[id(statement)].support:
                fact_of[id(statement)] = fact

    call_us = [f for f in facts if any(s.clause.call_us for s in f.statements)]
    for fact in call_us:
        fact.place = "call-us"

    by_place = {(s.where, s.clause.text): s for s in usable}
    questions = _questions(docs, site_of, keys, by_place, fact_of)
    for question in questions:
        support: set[Where] = set()
        for statement in question.statements:
            answered = fact_of.get(id(statement))
            if answered is not None and answered.place == "overview":
                answered.place = "faq"
            if answered is not None:
                support.update(answered.where)
        question.supported_by = sorted(support)

    steps = _steps(facts, restrictions)
    facts = _one_bullet_each(facts, steps, keys)
    facts.sort(key=lambda f: (-f.support, f.where[0]))

    number_of = {doc.source: n for n, doc in enumerate(docs, start=1)}
    for restriction in restrictions:
        found = _activity_disagreement(
            restriction, labels.get(restriction.activity, restriction.activity)
        )
        if found:
            disagreements.append(found)
    disagreements += _fact_disagreements(conflicts, number_of, title)
    spf = _sunscreen(statements)
    if spf:
        disagreements.append(spf)

    medicines = sorted(
        timed.get(MEDICATION, []) + vague.get(MEDICATION, []) + untimed.get(MEDICATION, []),
        key=lambda v: v.where,
    )
    if len(medicines) >= 2:
        disagreements.append(
            Disagreement(
                "Medicines",
                "TODO: a clinician decides what to say about medicines; ingest proposes nothing.",
                [(v.where, v.text) for v in medicines],
            )
        )
    unlisted = sorted(
        timed.get(UNLISTED, []) + vague.get(UNLISTED, []) + untimed.get(UNLISTED, []),
        key=lambda v: v.where,
    )
    summary, summary_where = _summary(docs, statements)
    for fact in facts:
        if fact.place == "overview" and any(
            st.where == summary_where and _sentence(st.text) == summary for st in fact.statements
        ):
            fact.place = "summary"  # said once, as the summary
    return Merged(
        docs=docs,
        site_of=site_of,
        title=title,
        summary=summary,
        summary_where=summary_where,
        facts=facts,
        steps=steps,
        restrictions=restrictions,
        questions=questions,
        call_us=call_us,
        flagged=flagged,
        disagreements=disagreements,
        medicines=medicines,
        unlisted=unlisted,
        treatment_mentions=skipped + skipped_vague + skipped_untimed,
    )


def _summary(docs: list[Document], statements: list[Statement]) -> tuple[str, Where | None]:
    """The best definition among the documents ("X is a treatment that..."), cut to a
    sentence or two."""
    candidates = [
        s
        for s in statements
        if s.section == Section.WHAT_IT_IS and not s.clause.claims and 8 <= _words(s.text) <= 45
    ]
    if not candidates:
        return "TODO: one or two plain sentences that say what this treatment is.", None
    block_score = {(n, b.line): b.definition for n, d in enumerate(docs, start=1) for b in d.blocks}
    best = max(
        candidates,
        key=lambda s: (
            block_score.get((s.where.doc, s.where.line), 0),
            -s.where.doc,
            -s.where.line,
        ),
    )
    text = _sentence(best.text)
    if len(text) > 290:
        text = text[:287].rsplit(" ", 1)[0] + "…"
    return text, best.where
