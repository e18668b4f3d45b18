"""The Spanish files keep to the English structure, and `carepages check` says where they
do not, with the file and line an editor (or translator) has to fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from carepages.checks.readability import reading_grade, spanish_scores

TREATMENT_ES = "content/microneedling/treatment.es.yml"
FAQ_ES = "content/microneedling/faq.es.yml"

Check = Callable[..., tuple[int, list[str]]]


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace `old` (once) in a file; return the line `old` started on."""
    path = root / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text.count("\n", 0, text.index(old)) + 1


def line_of(root: Path, name: str, text: str) -> int:
    whole = (root / name).read_text("utf-8")
    return whole.count("\n", 0, whole.index(text)) + 1


def test_the_real_translation_passes_every_rule(fresh_project: Path, check_output: Check) -> None:
    code, lines = check_output(fresh_project)
    assert lines == ["0 errors, 0 warnings"]
    assert code == 0


def test_a_step_id_the_english_file_does_not_have_is_an_error(
    fresh_project: Path, check_output: Check
) -> None:
    line = edit(fresh_project, TREATMENT_ES, "  days-2-3:\n", "  days-2-and-3:\n")
    code, lines = check_output(fresh_project)
    assert (
        f"{TREATMENT_ES}:{line}: error: timeline step 'days-2-and-3' is not in treatment.yml "
        "(did you mean 'days-2-3'?): translations use the English file's ids"
    ) in lines
    timeline = line_of(fresh_project, TREATMENT_ES, "timeline:")
    assert (
        f"{TREATMENT_ES}:{timeline}: error: timeline step 'days-2-3' of treatment.yml is "
        "missing: translate it under the same id"
    ) in lines
    assert code == 1


def test_a_list_of_another_length_is_an_error_and_never_shifts_the_bullets(
    fresh_project: Path, check_output: Check
) -> None:
    edit(fresh_project, TREATMENT_ES, "      - Moratones pequeños en algunas zonas.\n", "")
    code, lines = check_output(fresh_project)
    line = line_of(fresh_project, TREATMENT_ES, "    notice:\n      - Su piel se ve roja")
    assert (
        f"{TREATMENT_ES}:{line}: error: timeline step 'day-1', notice has 4 items but "
        "treatment.yml has 5: translate the whole list, item for item"
    ) in lines
    assert code == 1


def test_a_missing_warning_sign_is_an_error(fresh_project: Path, check_output: Check) -> None:
    edit(fresh_project, TREATMENT_ES, "  fever: Fiebre, o siente calor y escalofríos.\n", "")
    code, lines = check_output(fresh_project)
    line = line_of(fresh_project, TREATMENT_ES, "call_us_if:")
    assert (
        f"{TREATMENT_ES}:{line}: error: warning sign 'fever' of treatment.yml is missing: "
        "translate it under the same id"
    ) in lines
    assert code == 1


def test_a_question_id_that_does_not_exist_is_an_error_and_its_question_a_warning(
    fresh_project: Path, check_output: Check
) -> None:
    line = edit(fresh_project, FAQ_ES, "  microneedling-bleeding:", "  microneedling-bleding:")
    code, lines = check_output(fresh_project)
    assert (
        f"{FAQ_ES}:{line}: error: question 'microneedling-bleding' is not in faq.yml (did you "
        "mean 'microneedling-bleeding'?): translations use the English file's ids"
    ) in lines
    assert (
        f"{FAQ_ES}:3: warning: question 'microneedling-bleeding' has no Spanish translation "
        "yet: it is shown in English"
    ) in lines
    assert code == 1


def test_a_translation_reviewed_before_the_english_text_changed_is_a_warning(
    fresh_project: Path, check_output: Check
) -> None:
    # Whatever day the translator last reviewed it, a day before the English review is stale.
    reviewed = re.search(
        r"^last_reviewed: \d{4}-\d{2}-\d{2}$",
        (fresh_project / TREATMENT_ES).read_text("utf-8"),
        re.M,
    )
    assert reviewed
    line = edit(fresh_project, TREATMENT_ES, reviewed[0], "last_reviewed: 2026-10-02")
    code, lines = check_output(fresh_project)
    assert lines == [
        f"{TREATMENT_ES}:{line}: warning: the translation was last reviewed on 2026-10-02, "
        "before treatment.yml (2026-11-01): check it against the English text, then set "
        "last_reviewed to that day",
        "0 errors, 1 warning",
    ]
    assert code == 0


def test_a_page_without_its_translation_is_a_warning(
    fresh_project: Path, check_output: Check
) -> None:
    (fresh_project / "content/about.es.md").unlink()
    code, lines = check_output(fresh_project)
    assert lines == [
        "content/about.md:1: warning: this page has no Spanish translation yet (about.es.md): "
        "the Spanish site shows it in English, with a notice",
        "0 errors, 1 warning",
    ]
    assert code == 0


def test_treatment_data_without_translation_is_a_warning(
    fresh_project: Path, check_output: Check
) -> None:
    (fresh_project / TREATMENT_ES).unlink()
    (fresh_project / FAQ_ES).unlink()
    code, lines = check_output(fresh_project)
    assert lines == [
        "content/microneedling/faq.yml:1: warning: 'microneedling' has no Spanish questions "
        "yet (faq.es.yml): the Spanish pages show its questions in English",
        "content/microneedling/treatment.yml:1: warning: 'microneedling' has no Spanish "
        "translation yet (treatment.es.yml): the Spanish pages show its timeline, table and "
        "warning signs in English",
        "0 errors, 2 warnings",
    ]
    assert code == 0


def test_a_translation_beside_no_english_file_is_an_error(
    fresh_project: Path, check_output: Check
) -> None:
    (fresh_project / "content/abuot.es.md").write_text("# Sobre\n\nTexto.\n", "utf-8")
    code, lines = check_output(fresh_project)
    assert (
        "content/abuot.es.md:1: error: there is no abuot.md beside this translation: name it "
        "after its English file, like recovery.es.md beside recovery.md"
    ) in lines
    assert code == 1


def test_the_clinic_needs_its_sentences_in_spanish_with_the_same_emergency_numbers(
    fresh_project: Path, check_output: Check
) -> None:
    line = edit(fresh_project, "mkdocs.yml", "llame ahora al 999", "llame ahora al 112")
    code, lines = check_output(fresh_project)
    assert lines[:-1] == [
        f"mkdocs.yml:{line}: error: extra.clinic: translations.es.urgent_care gives the numbers "
        "112, 111, but urgent_care gives 999, 111: every language must give the same "
        "emergency numbers"
    ]
    config = (fresh_project / "mkdocs.yml").read_text("utf-8")
    start = config.index("    translations:")
    end = config.index("\n", config.index("urgent_care: Si le cuesta"))
    (fresh_project / "mkdocs.yml").write_text(config[:start] + config[end + 1 :], "utf-8")
    code, lines = check_output(fresh_project)
    clinic = line_of(fresh_project, "mkdocs.yml", "  clinic:")
    assert lines[:-1] == [
        f"mkdocs.yml:{clinic}: error: extra.clinic: the site is built in Spanish too, but "
        "translations.es is missing: add its opening_hours and urgent_care in that language"
    ]
    assert code == 1


def test_a_hard_spanish_page_is_a_warning_with_its_score(
    fresh_project: Path, check_output: Check
) -> None:
    hard = (
        "La intervención farmacológica concomitante necesita una evaluación exhaustiva de "
        "las contraindicaciones dermatológicas, hematológicas e inmunológicas "
        "correspondientes, individualizada por profesionales debidamente acreditados."
    )
    page = fresh_project / "content/about.es.md"
    text = page.read_text("utf-8")
    page.write_text(text[: text.index("## Quién")] + hard + "\n", "utf-8")
    heading = line_of(fresh_project, "content/about.es.md", "# Sobre esta información")
    scores = spanish_scores("Sobre esta información. " + hard)
    code, lines = check_output(fresh_project)
    assert lines == [
        f"content/about.es.md:{heading}: warning: this page scores "
        f"{scores['Fernández-Huerta']:.1f} on the Fernández-Huerta reading ease scale, below "
        "the floor of 70: use shorter sentences and everyday words",
        f"content/about.es.md:{heading}: warning: this page scores "
        f"{scores['Szigriszt-Pazos']:.1f} on the Szigriszt-Pazos reading ease scale, below "
        "the floor of 65: use shorter sentences and everyday words",
        "0 errors, 2 warnings",
    ]
    assert scores["Fernández-Huerta"] < 70 and scores["Szigriszt-Pazos"] < 65


@pytest.mark.parametrize(
    "english",
    [
        "Wash gently with a mild cleanser. Pat your skin dry with clean hands.",
        "Retinoids, acids and vitamin C can sting healing skin for a week afterwards.",
    ],
)
def test_scoring_spanish_never_changes_an_english_figure(english: str) -> None:
    before = reading_grade(english)
    spanish_scores("Lávese con cuidado con un limpiador suave. Séquese la piel a toquecitos.")
    assert reading_grade(english) == before
    import textstat

    assert textstat.textstat._textstatistics__lang == "en_US"
    # The English figure is an English count: Spanish syllables would give another one.
    textstat.set_lang("es")
    try:
        spanish_syllables = textstat.flesch_kincaid_grade(english)
    finally:
        textstat.set_lang("en_US")
    assert spanish_syllables != before


def test_a_translated_title_refuses_markup_as_the_english_one_does(
    fresh_project: Path, check_output: Check
) -> None:
    line = edit(fresh_project, TREATMENT_ES, "title: ", "title: <b>Nuevo</b> ")
    code, lines = check_output(fresh_project)
    assert any(
        entry.startswith(f"{TREATMENT_ES}:{line}: error:") and "'<' or '>'" in entry
        for entry in lines
    ), lines
    assert code == 1
