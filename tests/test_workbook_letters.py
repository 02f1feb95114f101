"""Thank-you letters: specific to each person, from the notes, with warnings and three formats."""

from __future__ import annotations

import io

import docx
import pytest
from markdown_it import MarkdownIt

from closing_kit.workbook._data import template_source
from closing_kit.workbook.letter_files import letter_bytes, write_letters
from closing_kit.workbook.letters import draft, letters, promise_sentence, unsigned, warnings
from closing_kit.workbook.model import example_workbook, new_person, new_workbook


def _by_name(wb):
    return {letter.name: letter for letter in letters(wb)}


def _kinds(wb):
    return [(w.kind, w.person_id) for w in warnings(wb)]


def test_each_letter_mentions_what_the_dump_held_about_that_person():
    """Anna's letter picks up Anna's detail, concern, answer and promise; Sam's picks up Sam's."""
    by_name = _by_name(example_workbook())
    anna, sam = by_name["Anna Brandt"].body, by_name["Sam Ito"].body
    assert "moving every client to quarterly business reviews in spring" in anna
    assert "my clients look small next to theirs" in anna
    assert "hospital group with 40 sites" in anna
    assert "As promised, I've attached a sample quarterly review deck" in anna
    assert "they lose too many new clients in the first 90 days" in sam
    assert "quarterly business reviews" not in sam and "clients look small" not in sam


def test_letters_restate_fit_and_the_next_step_and_are_signed():
    body = _by_name(example_workbook())["Sam Ito"].body
    assert "Running quarterly reviews for a large account" in body
    assert "the next step is: a second round with the VP (a decision in about two weeks)" in body
    assert body.startswith("Dear Sam Ito,") and body.endswith("Daniel Okafor")


def test_people_who_did_not_interview_get_a_short_thank_you():
    bea = _by_name(example_workbook())["Bea Fox"]
    assert bea.template == "thanks-brief"
    assert "warm welcome" in bea.body and "next step" not in bea.body


@pytest.mark.parametrize(
    ("note", "said"),
    [
        # A to-do the letter itself keeps: what is sent is attached, the name becomes "you".
        ("send Anna a sample deck, client names removed",
         "As promised, I've attached a sample deck, client names removed."),
        ("send my shift-availability for April",
         "As promised, I've attached my shift-availability for April."),
        ("to email over my references", "As promised, I've attached my references."),
        ("send the deck to Anna Brandt", "As promised, I've attached the deck."),
        # A promise kept later, said to the person.
        ("call her on Friday", "As promised, I will call you on Friday."),
        ("get back to Anna about dates", "As promised, I will get back to you about dates."),
        ("check Anna's rota for May", "As promised, I will check your rota for May."),
        ("send her team the plan", "As promised, I will send her team the plan."),
        # Already a sentence, or not a to-do: kept as the learner wrote it.
        ("I'll ring you on Monday", "I'll ring you on Monday."),
        ("portfolio link by Friday", "As promised: portfolio link by Friday."),
    ],
)  # fmt: skip
def test_a_promise_note_becomes_a_sentence_to_the_person(note, said):
    assert promise_sentence(note, ["Anna Brandt", "Anna"]) == said


def test_every_promise_and_detail_reaches_the_letter_whoever_the_person_is():
    """Two promises to one interviewer are both kept, and someone who showed the learner
    round (a short thank-you) still gets the detail and the promise made to them."""
    wb = example_workbook()
    wb["memory"]["promises"] += (
        "\nAnna: send my 30-day onboarding checklist\nBea: send Bea the parking form"
    )
    wb["memory"]["details"] += "\nBea: the new visitor badges"
    by_name = _by_name(wb)
    anna, bea = by_name["Anna Brandt"].body, by_name["Bea Fox"].body
    assert "I've attached a sample quarterly review deck" in anna
    assert "I've attached my 30-day onboarding checklist" in anna
    assert by_name["Bea Fox"].template == "thanks-brief"
    assert "the new visitor badges" in bea and "I've attached the parking form" in bea
    assert "parking form" not in anna and "onboarding checklist" not in bea


def test_one_letter_per_named_person():
    wb = example_workbook()
    new_person(wb, name="   ")
    assert [letter.name for letter in letters(wb)] == ["Anna Brandt", "Sam Ito", "Bea Fox"]
    assert ("no-name", "p4") in _kinds(wb)


def test_the_example_only_reminds_of_the_promise():
    assert _kinds(example_workbook()) == [("promise", "p1")]


def test_a_letter_without_a_specific_detail_is_flagged():
    wb = example_workbook()
    new_person(
        wb, name="Jo Adeyemi", title="Product manager", kind="interviewer", email="j@x.example"
    )
    assert ("no-detail", "p4") in _kinds(wb)


def test_near_identical_letters_are_flagged():
    """Two interviewers with the same (or no) detail get letters that read like a form."""
    wb = new_workbook("Acme", "analyst", "2026-03-06")
    for name in ("Ann Lee", "Bo Park"):
        new_person(wb, name=name, title="Lead", kind="interviewer", email="x@acme.example",
                   talked_about="the data platform migration")  # fmt: skip
    wb["letters"].update(your_name="Kim", fit="I have run two migrations like it.")
    assert ("near-identical", "p2") in _kinds(wb)
    wb["people"][1]["talked_about"] = "how the analysts share dashboards with sales every Monday"
    assert "near-identical" not in [k for k, _ in _kinds(wb)]


def _jo_workbook():
    """The reported case: a receptionist named in the "who I met" line, nothing said with her."""
    wb = new_workbook("Harlow", "support lead", "2026-03-03")
    new_person(wb, name="Anna Kowalski", kind="hiring-manager", title="FD", email="a@h.example")
    new_person(wb, name="Jo", kind="")
    wb["memory"]["who"] = "Anna Kowalski (FD), Tom Reyes (recruiter), receptionist Jo."
    wb["letters"]["your_name"] = "Kim Lee"
    return wb


def test_the_who_i_met_line_is_never_quoted_as_a_detail():
    """A detail comes from what was said with the person, not from the list of people."""
    wb = _jo_workbook()
    for letter in letters(wb):
        assert "Tom Reyes (recruiter)" not in letter.body
        assert "stays with me" not in letter.body
    assert ("no-detail", "p2") in _kinds(wb)


def test_the_detail_comes_from_the_card_or_the_dump_about_that_person():
    wb = _jo_workbook()
    wb["people"][1]["talked_about"] = "the new ticket system"
    assert "stays with me: the new ticket system." in _by_name(wb)["Jo"].body
    wb["memory"]["details"] = "Jo: the team moves floors in May"
    assert "stays with me: the team moves floors in May." in _by_name(wb)["Jo"].body
    assert ("no-detail", "p2") not in _kinds(wb)


def test_letters_without_your_name_are_flagged_as_unsigned():
    """One warning while the name is empty; none once every letter carries it."""
    wb = example_workbook()
    wb["letters"]["your_name"] = ""
    assert [k for k, _ in _kinds(wb)][0] == "no-signature"
    assert len(unsigned(wb)) == 3
    wb["letters"]["your_name"] = "Daniel  Okafor "
    assert "no-signature" not in [k for k, _ in _kinds(wb)]
    assert unsigned(wb) == [] and all(x.body.endswith("Daniel Okafor") for x in letters(wb))


def test_an_edit_that_drops_the_signature_is_flagged():
    """Adding the name later does not sign a letter the learner already edited: say so."""
    wb = example_workbook()
    wb["letters"]["per_person"]["p2"] = {"evidence": "", "text": "Dear Sam, the 90 days.\n\nBest"}
    assert ("unsigned", "p2") in _kinds(wb)
    assert [x.name for x in unsigned(wb)] == ["Sam Ito"]


def test_a_malformed_email_gets_no_to_line_and_a_warning():
    wb = example_workbook()
    wb["people"][1]["email"] = "sam.ito at quillmoor"
    sam = _by_name(wb)["Sam Ito"]
    assert sam.email == "" and not letter_bytes(sam, "txt").decode().startswith("To:")
    message = next(x.message for x in warnings(wb) if x.kind == "bad-email")
    assert "sam.ito at quillmoor" in message and "Sam Ito" in message


def test_a_concern_without_evidence_is_left_out_and_flagged():
    wb = example_workbook()
    wb["letters"]["per_person"]["p1"]["evidence"] = ""
    assert "clients look small" not in _by_name(wb)["Anna Brandt"].body
    assert ("concern-unanswered", "p1") in _kinds(wb)


def test_the_learners_own_edit_replaces_the_draft():
    wb = example_workbook()
    wb["letters"]["per_person"]["p2"] = {
        "evidence": "",
        "text": "Subject: Thanks!\n\nDear Sam, the 90 days.",
    }
    sam = _by_name(wb)["Sam Ito"]
    assert sam.edited and sam.subject == "Thanks!" and sam.body == "Dear Sam, the 90 days."
    assert not draft(wb, wb["people"][1]).edited


def test_an_edit_that_drops_every_detail_is_flagged():
    wb = example_workbook()
    wb["letters"]["per_person"]["p2"] = {"evidence": "", "text": "Dear Sam, thank you. Daniel"}
    assert ("no-detail", "p2") in _kinds(wb)


def test_template_syntax_in_notes_stays_text():
    """What the learner types is a value, never template code."""
    wb = example_workbook()
    wb["memory"]["details"] = "Sam: {{ 7 * 7 }} and {% if true %}x{% endif %}"
    assert "{{ 7 * 7 }} and {% if true %}x{% endif %}" in _by_name(wb)["Sam Ito"].body


def test_templates_are_data_files():
    assert "Dear {{ name }}" in template_source("letters/thank-you.txt.j2")
    assert "thanks_for" in template_source("letters/thanks-brief.txt.j2")


def _hostile():
    wb = example_workbook()
    wb["people"][0]["name"] = "<script>alert(1)</script> *Anna*"
    wb["memory"]["details"] = "<script>alert(1)</script> *Anna*: [a](javascript:alert(1)) \x00\x0b"
    return wb


def test_markdown_letter_escapes_markup():
    """Rendered with raw HTML allowed, the Markdown still produces no script, link or emphasis."""
    letter = letters(_hostile())[0]
    html = MarkdownIt("commonmark", {"html": True}).render(letter_bytes(letter, "md").decode())
    assert "<script" not in html and "<a " not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_text_letter_is_ready_to_paste():
    wb = example_workbook()
    text = letter_bytes(letters(wb)[0], "txt").decode()
    assert text.startswith("To: anna.brandt@quillmoor.example\nSubject: Thank you")
    assert "\x00" not in letter_bytes(letters(_hostile())[0], "txt").decode()


def test_docx_letter_opens_in_word_with_the_text():
    """The .docx reads back with python-docx, hostile characters dropped, markup as text."""
    letter = letters(_hostile())[0]
    document = docx.Document(io.BytesIO(letter_bytes(letter, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("Subject: Thank you")
    assert "<script>alert(1)</script> *Anna*" in text
    assert "Daniel Okafor" in text


@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
def test_write_letters_makes_one_file_per_person(tmp_path, fmt):
    paths = write_letters(example_workbook(), tmp_path / "out", fmt)
    assert [p.name for p in paths] == [
        f"01-anna-brandt.{fmt}",
        f"02-sam-ito.{fmt}",
        f"03-bea-fox.{fmt}",
    ]
    assert all(p.stat().st_size > 0 for p in paths)


def test_file_names_are_safe_for_any_name(tmp_path):
    wb = new_workbook()
    for name in ("../../etc/passwd", "😀", "Zoë Ångström"):
        new_person(wb, name=name, kind="receptionist")
    names = [p.name for p in write_letters(wb, tmp_path, "txt")]
    assert names == ["01-etc-passwd.txt", "02-letter.txt", "03-zoë-ångström.txt"]
    assert all(p.parent == tmp_path for p in tmp_path.iterdir())


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown letter format"):
        letter_bytes(letters(example_workbook())[0], "pdf")


_NOUNS = ("ledger", "depot", "audit", "rota", "forklift", "pallet", "invoice", "scanner",
          "canteen", "courier")  # fmt: skip


def _crowd(n):
    """``n`` interviewers, each with their own detail on their card."""
    wb = new_workbook("Acme", "analyst", "2026-03-06")
    wb["letters"].update(your_name="Kim", fit="I have run two migrations like it.")
    for i in range(n):
        name = f"Ann{i} Lee{i}"
        new_person(wb, name=name, title="Lead", kind="interviewer", email=f"a{i}@acme.example",
                   talked_about=", ".join(f"{noun} {i}{noun}" for noun in _NOUNS[:10]))  # fmt: skip
    return wb


@pytest.mark.parametrize("n", [10, 150])
def test_near_identical_letters_are_found_in_a_crowd(n):
    """Past the size where every pair is compared, a repeated letter is still found,
    wherever its twin sits in the list; letters that differ are not flagged."""
    wb = _crowd(n)
    assert "near-identical" not in [k for k, _ in _kinds(wb)]
    twin = wb["people"][n - 1]
    twin["talked_about"] = wb["people"][3]["talked_about"]
    near = [(k, p) for k, p in _kinds(wb) if k == "near-identical"]
    assert near == [("near-identical", twin["id"])]


def test_notes_looked_up_in_the_index_match_a_search_of_every_note():
    """The index that keeps many letters fast finds exactly the notes that a search of
    every note does: shared first names, names inside words, accents, a long s."""
    from closing_kit.workbook import memory
    from closing_kit.workbook.fields import fragments

    wb = new_workbook("Acme", "analyst", "2026-03-06")
    for name in ("Ann Lee", "Ann Park", "Zoë Brandt", "Sam Ito", "Jean-Luc Roy", "O'Neil Ko"):
        new_person(wb, name=name)
    wb["memory"]["details"] = "\n".join([
        "Ann Lee: the new ledger.", "Ann Park: the spring audit.", "Annabel from HR waved.",
        "zoë brandt: the Lisbon office.", "Zoë: the rota.", "ſam ito: an old long s, still him.",
        "Samuel is not Sam.", "Jean-Luc: the depot.", "Luc alone.", "O'Neil: the vans.",
        "SAM ITO: shouted, still him.",
    ])  # fmt: skip
    index = memory.NotesIndex(wb)
    for person in wb["people"]:
        names = memory.names_in_notes(person, index)
        every = [
            memory._strip_name(f, names)
            for f in fragments(wb["memory"]["details"])
            if memory._mentions(f, names)
        ]
        assert every, person["name"]
        assert memory.notes_about(wb, person, index)["details"] == every, person["name"]
        assert memory.notes_about(wb, person)["details"] == every, person["name"]
