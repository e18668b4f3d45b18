"""The JSON-LD in each page's head, read in the browser and held against what the page shows."""

from __future__ import annotations

import json

import pytest
from cp_browser import CONTENT_PAGES, PAGE_TYPES, squash
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def graph(page) -> dict[str, dict]:
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    types = [node["@type"] for node in data["@graph"]]
    assert len(types) == len(set(types)), types
    return {node["@type"]: node for node in data["@graph"]}


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_every_page_is_a_reviewed_medical_web_page_for_patients(page, http_url, path):
    page.goto(http_url + path)
    web_page = graph(page)["MedicalWebPage"]
    assert web_page["medicalAudience"]["audienceType"] == "Patient"
    assert web_page["lastReviewed"] == "2026-11-01"
    assert [p["name"] for p in web_page["reviewedBy"]] == [
        "Dr. Amira Patel, consultant dermatologist"
    ]
    assert web_page["name"] == page.title().split(" - ")[0]
    assert web_page["url"].endswith("/" + path)


@pytest.mark.parametrize("path", [PAGE_TYPES["treatment-faq"], PAGE_TYPES["all-faq"]])
def test_faq_page_data_equals_the_visible_questions_and_answers(page, http_url, path):
    page.goto(http_url + path)
    page.get_by_role("button", name="Expand all").click()
    shown = page.locator("[data-faq] details[id]").evaluate_all(
        """els => els.map(d => [d.querySelector('summary').innerText,
                                d.querySelector('.cp-faq__answer').innerText])"""
    )
    faq = graph(page)["FAQPage"]
    data = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
    assert all(q["@type"] == "Question" for q in faq["mainEntity"])
    assert len(data) == len(shown) > 10
    for (name, text), (question, answer) in zip(data, shown, strict=True):
        assert name == squash(question)
        assert text == squash(answer)


def test_overview_describes_the_procedure_in_the_page_own_words(page, http_url):
    page.goto(http_url + PAGE_TYPES["overview"])
    procedure = graph(page)["MedicalProcedure"]
    assert procedure["name"] == "Microneedling"
    assert procedure["bodyLocation"].startswith("Face")
    article = squash(page.locator("article").inner_text())
    for field in ("preparation", "howPerformed", "followup"):
        text = procedure[field]
        assert len(text) > 100, field
        # Each is the text of the matching section of the page.
        assert text[:80] in article, field
    expect(page.locator("#preparation")).to_be_attached()


@pytest.mark.parametrize("path", [p for p in CONTENT_PAGES if p != PAGE_TYPES["overview"]])
def test_only_the_overview_is_a_procedure_and_only_faq_pages_are_faq_pages(page, http_url, path):
    page.goto(http_url + path)
    types = set(graph(page))
    assert "MedicalProcedure" not in types
    assert ("FAQPage" in types) == path.endswith("faq.html")
