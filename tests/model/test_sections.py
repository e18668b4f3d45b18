"""Section ids are part of published addresses: they stay fixed, in reading order."""

from __future__ import annotations

from carepages.model.sections import SOURCE_PARTS, FaqTopic, Section


def test_the_five_sections_keep_their_ids_in_reading_order():
    assert [s.value for s in Section] == ["what-it-is", "preparation", "during", "after", "risks"]


def test_a_source_can_feed_each_section_and_the_two_data_files():
    assert list(SOURCE_PARTS) == [*(s.value for s in Section), "faq", "timeline"]


def test_every_section_and_topic_has_a_label_for_people():
    assert all(s.label for s in Section)
    assert all(t.label for t in FaqTopic)
