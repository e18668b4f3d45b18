"""Readers: encodings are detected, bad input gives one clear reason, HTML keeps source lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from carepages.ingest.readers import MAX_BYTES, ReadError, decode, read_bytes, read_path

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = "Caf\u00e9 peel \u2013 avoid sun for 48 hours.\nSecond line."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), None),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str | None) -> None:
    text, found = decode(data)
    assert text == TEXT
    if encoding:
        assert found == encoding


def test_windows_1252_quotes_survive() -> None:
    data = "Don\u2019t pick the \u201ccrusts\u201d \u2013 let them fall.".encode("cp1252")
    assert decode(data)[0] == "Don\u2019t pick the \u201ccrusts\u201d \u2013 let them fall."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (bytes(range(256)) * 20, "not a text document (binary data)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not a text document (binary data)"),
    ],
)
def test_unreadable_input_says_why(data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, ".txt")
    assert str(info.value) == message


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ReadError) as info:
        read_path(big)
    assert str(info.value) == "the file is larger than 10 MB; split it"


def test_html_drops_scripts_styles_and_alt_text() -> None:
    blocks, title, _ = read_bytes(
        (FIXTURES / "html_with_script_and_onerror.html").read_bytes(), ".html"
    )
    text = " ".join(b.text for b in blocks)
    assert title == "Peel page"
    for gone in ("tracking pixel", "color:red", "alert", "smiling patient", "enable JavaScript"):
        assert gone not in text
    assert "Read our aftercare sheet and avoid sun for 7 days." in text


def test_html_blocks_keep_the_source_line() -> None:
    blocks, _, _ = read_bytes(
        (FIXTURES / "html_with_script_and_onerror.html").read_bytes(), ".html"
    )
    lines = {b.text: b.line for b in blocks}
    assert lines["Light peel"] == 5
    assert lines["Read our aftercare sheet and avoid sun for 7 days."] == 8


def test_unbalanced_tags_still_give_one_block_per_element() -> None:
    blocks, _, _ = read_bytes((FIXTURES / "unbalanced_tags.html").read_bytes(), ".html")
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("para", "The first paragraph never closes", 1),
        ("heading", "After care", 2),
        ("item", "Keep the area clean for 24 hours", 3),
        ("para", "Another paragraph with bold and italic", 4),
        ("para", "cell without end", 5),
    ]


def test_markdown_strips_links_images_and_front_matter() -> None:
    source = (
        "---\ntitle: x\n---\n# Peel aftercare\n\n![a photo](p.png)\n"
        "Read [the sheet](javascript:alert(1)) **now**.\n"
    )
    blocks, title, _ = read_bytes(source.encode(), ".md")
    assert title == "Peel aftercare"
    assert [(b.text, b.line) for b in blocks] == [("Peel aftercare", 4), ("Read the sheet now.", 7)]


def test_plain_text_joins_wrapped_lines_and_splits_bullets() -> None:
    source = "Intro line that runs on and on past the wrap\nand ends here.\n\n- first\n- second\n"
    blocks, _, _ = read_bytes(source.encode(), ".txt")
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("para", "Intro line that runs on and on past the wrap and ends here.", 1),
        ("item", "first", 4),
        ("item", "second", 5),
    ]
