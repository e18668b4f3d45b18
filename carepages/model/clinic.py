"""The clinic that publishes the site (`extra.clinic` in mkdocs.yml)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict

from carepages.model.ids import worded
from carepages.model.treatment import Name, Text

Colour = Annotated[str, worded(r"^#[0-9a-fA-F]{6}$", "must be a colour written like #1f5f8b")]
Phone = Annotated[
    str, worded(r"^\+?[0-9][0-9 ()-]{5,}$", "must be a phone number of digits, spaces and '+'")
]
MIN_CONTRAST = 4.5
DEFAULT_GRADE_LIMIT = 8.0


class ClinicText(BaseModel):
    """The clinic's sentences in another language (`extra.clinic.translations.<lang>`).
    Phone numbers are never translated: the clinic's phone, and the emergency numbers in
    urgent_care, stay those of the English settings (the check compares them)."""

    model_config = ConfigDict(extra="forbid")

    opening_hours: Text
    urgent_care: Text


class Clinic(BaseModel):
    """`extra.clinic` in mkdocs.yml: the clinic that publishes the site."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    phone: Phone
    address: Text
    opening_hours: Text
    urgent_care: Text
    logo: str = ""
    primary_colour: Colour = "#1f5f8b"
    header_text_colour: Colour = "#ffffff"
    reading_grade_limit: float = DEFAULT_GRADE_LIMIT
    # A made-up clinic whose pages no real clinician reviewed (the sample in this
    # repository): every page says so. A clinic turns it off when its own clinician has
    # reviewed the pages and is named in reviewed_by.
    sample: bool = False
    translations: dict[str, ClinicText] = {}

    def in_language(self, lang: str) -> Clinic:
        """The clinic with its sentences in `lang` (the English ones where none are given)."""
        words = self.translations.get(lang)
        return self if words is None else self.model_copy(update=words.model_dump())

    @property
    def tel(self) -> str:
        """The phone number as a `tel:` URI (digits and a leading plus only)."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio between two `#rrggbb` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
