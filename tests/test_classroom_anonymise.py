"""What ``--anonymise`` takes out of a learner's text, and what it keeps."""

from __future__ import annotations

from closing_kit.classroom._anonymise import Scrubber, details, reason
from closing_kit.workbook.model import example_workbook


def test_a_learners_details_go_whatever_their_case_and_spacing():
    """Names whole and by part, the company, the role, emails and phones: all replaced."""
    scrub = Scrubber().add(details(example_workbook()))
    text = (
        "Thanks ANNA, and anna-brandt too; Sam Ito, Bea and Daniel. Quillmoor Software's "
        "account manager job at QUILLMOOR. Mail sam.ito@quillmoor.example, call +1 (555) 010-9999."
    )
    assert scrub(text) == (
        "Thanks [name], and [name] too; [name], [name] and [name]. [company]'s "
        "[role] job at [company]. Mail [email], call [phone]."
    )


def test_a_companys_generic_or_lowercase_words_are_kept():
    """'Software' alone, or 'example' in lower case, is not the company."""
    scrub = Scrubber().add({"company": ["Example Software Ltd"], "role": ["analyst"]})
    assert scrub("For example, software at Example.") == "For example, software at [company]."
    assert scrub("example software ltd") == "[company]"


def test_a_short_number_is_not_a_phone():
    """Years and counts stay; seven digits or more are a phone."""
    scrub = Scrubber()
    assert scrub("In 2024 I ran 40 sites.") == "In 2024 I ran 40 sites."
    assert scrub("Ring 555 0199 12") == "Ring [phone]"


def test_a_reason_loses_quoted_values_and_long_numbers():
    """A left-out file's reason keeps its words but no value from the file."""
    assert reason("people[0].name: 'Anna Brandt' is not valid, 12345", Scrubber()) == (
        "people[0].name: […] is not valid, […]"
    )
