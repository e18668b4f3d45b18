"""One reader per input format (plain text, Markdown, HTML): bytes in, blocks with lines out."""

from __future__ import annotations

import codecs
import errno
import html
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from .model import Block

MAX_BYTES = 10 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be ingested; the message is the one line a user sees."""


# --- decoding ------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding). Raises ReadError for binary data."""
    if not data.strip():
        raise ReadError("the file is empty")
    text = encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError:
                text = None
            break
    if text is None and _looks_utf16(data):
        for name in ("utf-16-le", "utf-16-be"):
            try:
                candidate = data.decode(name)
            except UnicodeDecodeError:
                continue
            sample = candidate[:4000]
            # Without a BOM, only trust UTF-16 that reads as mostly plain ASCII text.
            plain = sum(c.isascii() for c in sample) >= 0.5 * len(sample)
            if plain and not _CONTROL.search(sample) and "\x00" not in candidate:
                text, encoding = candidate, name
                break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None
    if text is None:
        if data.count(b"\x00") > 0:
            raise ReadError("not a text document (binary data)")
        text, encoding = _guess(data)
    if "\x00" in text or len(_CONTROL.findall(text[:20000])) > max(8, len(text[:20000]) // 100):
        raise ReadError("not a text document (binary data)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding or "utf-8"


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _guess(data: bytes) -> tuple[str, str]:
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    letters = [c for c in western if c.isalpha()]
    # Mostly-ASCII text with a few accents or curly quotes is an old Windows-1252 page;
    # the statistical guess below is for pages in other scripts.
    if letters and sum(c.isascii() for c in letters) >= 0.9 * len(letters):
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    # Old clinic pages are nearly always Windows-1252 when they are not UTF-8.
    name = best.encoding if best is not None else "cp1252"
    if name in ("ascii", "latin_1", "iso8859_1", "iso-8859-1"):
        name = "cp1252"
    try:
        return data.decode(name), name
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"


def read_path(path: Path) -> tuple[list[Block], str, str]:
    """Read one file: (blocks, title hint, encoding). Raises ReadError with a one-line reason."""
    try:
        # O_NOFOLLOW: a file swapped for a link after the folder was listed is not read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise ReadError(
                    f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it"
                )
            data = handle.read()
    except ReadError:
        raise
    except IsADirectoryError as exc:
        raise ReadError("is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise ReadError("no such file") from exc
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("skipped: a link to another place (give the file itself)") from exc
        raise ReadError(f"cannot be read ({exc.strerror or exc.__class__.__name__})") from exc
    return read_bytes(data, path.suffix.lower())


def read_bytes(data: bytes, suffix: str = ".txt") -> tuple[list[Block], str, str]:
    text, encoding = decode(data)
    reader = reader_for(suffix, text)
    blocks, title = reader.read(text)
    return blocks, title, encoding


# --- inline cleaning shared by the readers ----------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


def tidy(text: str) -> str:
    if text.isascii() and "  " not in text and "\t" not in text:
        return text.strip()  # nothing for the two substitutions to change
    text = _ZERO_WIDTH.sub("", text)
    return _SPACES.sub(" ", text).strip()


_BULLET = re.compile(
    r"^\s*(?:[-*+\u2022\u25cf\u25aa\u2023\u2043\u00b7\u2013\u2014\u25e6\u2219]|\d{1,2}[.)](?!\d)|[a-z][.)])\s+"
)


# --- readers ----------------------------------------------------------------------------------


class TextReader:
    """Plain text: blank lines separate paragraphs; short lines without a full stop are headings."""

    extensions = (".txt", ".text", "")

    def read(self, text: str) -> tuple[list[Block], str]:
        return split_lines(text.split("\n")), ""


def split_lines(lines: list[str], first_line: int = 1) -> list[Block]:
    blocks: list[Block] = []
    previous_blank = True
    for index, raw in enumerate(lines):
        line_no = first_line + index
        stripped = tidy(raw)
        if not stripped:
            previous_blank = True
            continue
        bullet = _BULLET.match(raw)
        if bullet and len(stripped) > len(bullet.group(0).strip()):
            item_text = tidy(raw[bullet.end() :])
            if item_text:
                blocks.append(Block("item", item_text, line_no))
                previous_blank = False
                continue
        if (
            blocks
            and not previous_blank
            and blocks[-1].kind == "para"
            and _continues(blocks[-1].text, stripped)
        ):
            blocks[-1].text = f"{blocks[-1].text} {stripped}"
        else:
            blocks.append(Block("para", stripped, line_no))
        previous_blank = False
    return blocks


def _continues(previous: str, current: str) -> bool:
    """A hard-wrapped paragraph: the line carries on a sentence the previous one left open."""
    if previous.endswith((".", "!", "?", ":", ";")):
        return False
    return current[:1].islower() or (len(previous) >= 60 and current[:1] in "([\"'\u201c")


class MarkdownReader:
    extensions = (".md", ".markdown", ".mdown", ".mkd")

    _HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
    _SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
    _URL = r"\((?:[^()]|\([^()]*\))*\)"
    _IMAGE = re.compile(r"!\[([^\]]*)\]" + _URL)
    _LINK = re.compile(r"\[([^\]]*)\]" + _URL)
    _REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
    _EMPHASIS = re.compile(r"(\*\*|__|\*|_|`+|~~)(?=\S)(.+?)(?<=\S)\1")

    def read(self, text: str) -> tuple[list[Block], str]:
        lines = text.split("\n")
        start = 0
        if lines and lines[0].strip() == "---":
            # YAML front matter is metadata, not patient text.
            for end in range(1, min(len(lines), 200)):
                if lines[end].strip() in ("---", "..."):
                    start = end + 1
                    break
        blocks: list[Block] = []
        title = ""
        buffer: list[str] = []
        buffer_start = 0
        in_fence = False

        def flush() -> None:
            nonlocal buffer
            if buffer:
                blocks.extend(split_lines(buffer, buffer_start))
            buffer = []

        for index in range(start, len(lines)):
            raw = lines[index]
            line_no = index + 1
            if raw.strip().startswith(("```", "~~~")):
                flush()
                in_fence = not in_fence
                continue
            if in_fence or self._REF_DEF.match(raw):
                continue
            heading = self._HEADING.match(raw)
            if heading:
                flush()
                content = self.inline(heading.group(2))
                if content:
                    level = len(heading.group(1))
                    blocks.append(Block("heading", content, line_no, level=level))
                    if level == 1 and not title:
                        title = content
                continue
            if self._SETEXT.match(raw) and buffer and len(buffer) == 1 and buffer[0].strip():
                content = self.inline(buffer[0])
                level = 1 if raw.strip().startswith("=") else 2
                blocks.append(Block("heading", content, buffer_start, level=level))
                buffer = []
                continue
            if not buffer:
                buffer_start = line_no
            buffer.append(self.inline(raw) if raw.strip() else "")
            if not raw.strip():
                flush()
        flush()
        return [b for b in blocks if b.text], title

    def inline(self, text: str) -> str:
        keep_indent = text[: len(text) - len(text.lstrip())]
        text = self._IMAGE.sub("", text)
        text = self._LINK.sub(r"\1", text)
        for _ in range(2):
            text = self._EMPHASIS.sub(r"\2", text)
        text = re.sub(r"^\s*>\s?", "", text)
        if "<" in text:
            text = strip_tags(text)
        return keep_indent + html.unescape(text).strip()


def strip_tags(text: str) -> str:
    import nh3

    return html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))


class HtmlReader:
    """HTML pages: blocks from the element tree; page chrome is kept but flagged as noise."""

    extensions = (".html", ".htm", ".xhtml", ".shtml")

    EMIT = frozenset(
        [
            "p",
            "li",
            "dt",
            "dd",
            "blockquote",
            "figcaption",
            "caption",
            "td",
            "th",
            "pre",
            "address",
            "summary",
            "label",
        ]
    )
    # Elements that end a block; the ones in EMIT also become blocks of their own.
    BLOCK = EMIT | frozenset(
        [
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "div",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "nav",
            "aside",
            "ul",
            "ol",
            "dl",
            "table",
            "tr",
            "tbody",
            "thead",
            "form",
            "figure",
            "details",
            "body",
            "html",
        ]
    )
    SKIP = frozenset(
        [
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "iframe",
            "object",
            "embed",
            "head",
            "select",
            "option",
            "button",
            "input",
            "textarea",
            "canvas",
            "audio",
            "video",
            "map",
            "math",
        ]
    )
    CHROME_TAGS = frozenset(["nav", "footer", "aside", "form"])
    CHROME_WORDS = re.compile(
        r"cookie|consent|gdpr|banner|navbar|\bnav\b|navigation|menu|breadcrumb|sidebar|"
        r"comment|share|social|related|newsletter|subscribe|footer|skip|byline|author|"
        r"widget|popup|modal|masthead|site-header|top-bar|topbar|toolbar|pagination|"
        r"post-meta|entry-meta|\bmeta\b|tags|categories|review|testimonial|rating|caption",
        re.I,
    )

    def read(self, text: str) -> tuple[list[Block], str]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
            from bs4.element import ProcessingInstruction

            soup = BeautifulSoup(text, "html.parser")
        title_tag = soup.find("title")
        title = tidy(title_tag.get_text(" ")) if title_tag else ""
        title = re.split(r"\s+[|\u2013\u2014-]\s+", title)[0] if title else ""
        blocks: list[Block] = []
        NS, Tg = NavigableString, Tag
        Cm = (Comment, Declaration, Doctype, ProcessingInstruction)

        def chrome_of(tag: Tag) -> bool:
            if tag.name in self.CHROME_TAGS:
                return True
            if tag.name == "header" and tag.find("nav") is not None:
                return True
            role = tag.get("role") or ""
            if role in ("navigation", "banner", "contentinfo", "complementary", "dialog"):
                return True
            attrs = " ".join(
                [
                    str(tag.get("id") or ""),
                    *map(str, tag.get("class") or []),
                    str(tag.get("aria-label") or ""),
                ]
            )
            return bool(attrs and self.CHROME_WORDS.search(attrs))

        def emit(parts: list[str], line: int, tag_name: str, chrome: bool, level: int) -> None:
            content = tidy(re.sub(r"\s+", " ", " ".join(parts)))
            if not content:
                return
            if tag_name and tag_name[0] == "h" and tag_name[1:].isdigit():
                blocks.append(
                    Block("heading", content, line, level=int(tag_name[1:]), chrome=chrome)
                )
            elif tag_name in ("li", "dd"):
                blocks.append(Block("item", content, line, chrome=chrome))
            else:
                blocks.append(Block("para", content, line, chrome=chrome))
                if tag_name == "figcaption":
                    blocks[-1].why = "image caption"

        def walk(top: Tag) -> None:
            # Iterative, so text nested thousands of elements deep is kept, not lost to
            # Python's recursion limit. A frame is (tag, chrome, its children, run, run_line).
            frames: list[tuple[Tag, bool, Iterator[object], list[str], int]] = [
                (top, chrome_of(top), iter(top.children), [], top.sourceline or 1)
            ]
            while frames:
                tag, chrome, children, run, run_line = frames[-1]
                for child in children:
                    if isinstance(child, Cm):
                        continue
                    if isinstance(child, NS):
                        run.append(str(child))
                        continue
                    if not isinstance(child, Tg) or child.name in self.SKIP:
                        continue
                    if child.name == "br":
                        run.append(" ")
                        continue
                    if child.name in self.BLOCK:
                        emit(run, run_line, tag.name, chrome, 0)
                        run = []
                        frames[-1] = (tag, chrome, children, run, child.sourceline or run_line)
                        inner = chrome or chrome_of(child)
                        frames.append(
                            (child, inner, iter(child.children), [], child.sourceline or 1)
                        )
                        break
                    if not "".join(run).strip():
                        run_line = child.sourceline or run_line
                        frames[-1] = (tag, chrome, children, run, run_line)
                    run.append(child.get_text(" "))
                else:
                    emit(run, run_line, tag.name, chrome, 0)
                    frames.pop()

        walk(soup)
        return blocks, title


_READERS = (TextReader(), MarkdownReader(), HtmlReader())
READ_EXTENSIONS = frozenset(ext for r in _READERS for ext in r.extensions if ext)


def reader_for(suffix: str, text: str) -> TextReader | MarkdownReader | HtmlReader:
    for reader in _READERS:
        if suffix and suffix in reader.extensions:
            return reader
    head = text[:2000].lower()
    if "<html" in head or "<body" in head or "<!doctype html" in head or "<p>" in head:
        return _READERS[2]
    return _READERS[0]
