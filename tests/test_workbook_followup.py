"""The follow-up plan: business days, the sources' rules, and an .ics a calendar can import."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from closing_kit.workbook.followup import (
    add_business_days,
    date_problems,
    events,
    plan,
    to_ics,
)
from closing_kit.workbook.model import new_workbook


def _wb(interview: str, stated: str = "", **follow_up) -> dict:
    wb = new_workbook("Brightline", "shift supervisor", interview)
    wb["next_steps"]["stated_date"] = stated
    wb["follow_up"].update(follow_up)
    return wb


def _events(calendar: bytes) -> dict[str, icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(calendar)
    return {
        "thank-you" if "-thank-you@" in str(e["UID"]) else "follow-up": e
        for e in parsed.walk("VEVENT")
    }


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (dt.date(2026, 3, 13), 2, dt.date(2026, 3, 17)),  # Friday -> Tuesday
        (dt.date(2026, 3, 14), 1, dt.date(2026, 3, 16)),  # Saturday -> Monday
        (dt.date(2026, 1, 29), 5, dt.date(2026, 2, 5)),  # across a month end
        (dt.date(2026, 12, 30), 2, dt.date(2027, 1, 1)),  # across a year end
        (dt.date(2026, 12, 31), 5, dt.date(2027, 1, 7)),
        (dt.date(2028, 2, 28), 1, dt.date(2028, 2, 29)),  # a leap day
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    assert add_business_days(start, days) == expected


def test_business_days_skip_the_learners_holidays():
    holidays = [dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 1, 1)]
    assert add_business_days(dt.date(2026, 12, 24), 3, holidays) == dt.date(2026, 12, 31)
    assert add_business_days(dt.date(2026, 12, 31), 1, holidays) == dt.date(2027, 1, 4)


def test_chapter_4_worked_example():
    """Decision by Friday the 14th, two business days' buffer: follow up on Tuesday the 18th."""
    p = plan(_wb("2025-11-10", "2025-11-14", buffer_days=2))
    assert p.follow_up_on == dt.date(2025, 11, 18)


def test_no_date_given_means_five_business_days_after_the_interview():
    p = plan(_wb("2026-03-06"))
    assert p.follow_up_on == dt.date(2026, 3, 13)
    assert "as no date was given" in p.reasons[1]


def test_the_rules_cite_their_sources():
    """The thank-you rule cites eFinancialCareers (2012), the follow-up rule Indeed (2023)."""
    p = plan(_wb("2026-03-06", "2026-03-13"))
    assert "within 24 hours" in p.reasons[0] and "eFinancialCareers" in p.reasons[0]
    assert "June 2012" in p.reasons[0]
    assert "Indeed" in p.reasons[1] and "9 June 2023" in p.reasons[1]
    assert p.thank_you_by == dt.date(2026, 3, 7)


def test_asked_not_to_call_means_no_follow_up():
    p = plan(_wb("2026-03-06", "2026-03-13", permission="no-contact"))
    assert p.follow_up_on is None
    assert any("Respect it" in r for r in p.reasons)
    assert list(_events(to_ics(_wb("2026-03-06", permission="no-contact")))) == ["thank-you"]


def test_a_date_before_the_interview_is_flagged():
    p = plan(_wb("2026-03-06", "2026-03-01"))
    assert p.problems and p.follow_up_on == dt.date(2026, 3, 13)


def test_without_an_interview_date_there_is_no_plan():
    p = plan(_wb(""))
    assert p.thank_you_on is None and p.problems
    with pytest.raises(ValueError, match="no interview date"):
        to_ics(_wb(""))


@pytest.mark.parametrize(
    ("interview", "stated", "holidays", "thank_start", "thank_end", "follow_up"),
    [
        # Thursday 30 April: thank by Friday 1 May; stated Friday 1 May -> Tuesday 5 May.
        ("2026-04-30", "2026-05-01", [], "2026-04-30", "2026-05-02", "2026-05-05"),
        # New Year's Eve: the thank-you window ends in the new year; a holiday on 4 Jan.
        ("2026-12-31", "2027-01-01", ["2027-01-04"], "2026-12-31", "2027-01-02", "2027-01-06"),
        # Friday interview, no date given: five business days is the next Friday.
        ("2026-02-27", "", [], "2026-02-27", "2026-03-01", "2026-03-06"),
    ],
)
def test_ics_parses_back_with_the_right_dates(
    interview, stated, holidays, thank_start, thank_end, follow_up
):
    """Read back by the iCalendar library, the file holds all-day events on the plan's days."""
    events = _events(to_ics(_wb(interview, stated, holidays=holidays)))
    thank, follow = events["thank-you"], events["follow-up"]
    assert thank.decoded("DTSTART") == dt.date.fromisoformat(thank_start)
    assert thank.decoded("DTEND") == dt.date.fromisoformat(thank_end)
    assert follow.decoded("DTSTART") == dt.date.fromisoformat(follow_up)
    assert follow.decoded("DTSTART").weekday() < 5
    assert follow.decoded("DTEND") - follow.decoded("DTSTART") == dt.timedelta(days=1)
    assert "shift supervisor" in str(follow["SUMMARY"])
    alarm = next(iter(follow.walk("VALARM")))
    assert alarm.decoded("TRIGGER") == dt.timedelta(hours=9)


def test_ics_is_a_valid_calendar_with_stable_ids():
    wb = _wb("2026-03-06", "2026-03-13")
    stamp = dt.datetime(2026, 3, 6, 12, 0, tzinfo=dt.UTC)
    first, second = to_ics(wb, stamp), to_ics(wb, stamp)
    assert first == second
    cal = icalendar.Calendar.from_ical(first)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == 2 and all(wb["id"] in uid for uid in uids)


def test_ics_text_with_markup_and_newlines_stays_text():
    wb = _wb("2026-03-06")
    wb["interview"]["role"] = "<script>x</script>\nBEGIN:VEVENT"
    cal = icalendar.Calendar.from_ical(to_ics(wb))
    assert len(list(cal.walk("VEVENT"))) == 2
    assert "<script>x</script>" in str(next(iter(cal.walk("VEVENT")))["SUMMARY"])


def test_a_mistyped_year_is_named_not_scheduled_silently():
    """02312026 typed into a date box arrives as 2312-12-04: the plan and the box say so."""
    wb = _wb("2026-03-03", "2312-12-04")
    problems = date_problems(wb, today=dt.date(2026, 3, 4))
    assert list(problems) == ["stated_date"]
    assert (
        "Wednesday 4 December 2312 is more than a year after the interview"
        in problems["stated_date"]
    )
    assert any("more than a year after the interview" in x for x in plan(wb).problems)


@pytest.mark.parametrize(
    ("interview", "stated", "today", "flagged"),
    [
        ("2026-03-03", "2027-03-03", "2026-03-04", []),  # a year later is still plausible
        ("2026-03-03", "2025-01-01", "2026-03-04", ["stated_date"]),
        ("2031-03-03", "", "2026-03-04", ["interview"]),
        ("", "2029-01-01", "2026-03-04", ["stated_date"]),  # no interview date: against today
        ("", "2026-04-01", "2026-03-04", []),
    ],
)
def test_dates_far_from_the_interview_or_today_are_flagged(interview, stated, today, flagged):
    wb = _wb(interview, stated)
    assert list(date_problems(wb, today=dt.date.fromisoformat(today))) == flagged


def test_a_far_holiday_is_flagged():
    wb = _wb("2026-03-03", holidays=["2026-12-25", "2226-12-25"])
    assert list(date_problems(wb, today=dt.date(2026, 3, 4))) == ["holiday 2226-12-25"]


def test_the_events_listed_are_the_events_in_the_calendar_file():
    """What the plan shows before saving is what the .ics holds, day for day."""
    wb = _wb("2026-03-06", "2026-03-13")
    listed = events(wb)
    assert [(e.summary, e.when) for e in listed] == [
        (
            "Send thank-you notes (shift supervisor, Brightline)",
            "Friday 6 March 2026 to Saturday 7 March 2026",
        ),
        (
            "Follow up if you have not heard (shift supervisor, Brightline)",
            "Tuesday 17 March 2026",
        ),
    ]
    in_file = _events(to_ics(wb))
    for event in listed:
        ics = in_file[event.key]
        assert ics["DTSTART"].dt == event.start and ics["DTEND"].dt == event.end
        assert str(ics["SUMMARY"]) == event.summary
    assert events(_wb("")) == []


def test_the_plan_reads_what_notebook_03_recorded_about_getting_in_touch():
    """A learner who ticked "would it be all right if I gave you a call?" in notebook 03
    is not told to ask next time; what they noted about how to follow up is quoted."""
    never_asked = " ".join(plan(_wb("2026-03-06")).reasons)
    assert "next time, ask before you leave" in never_asked
    wb = _wb("2026-03-06")
    wb["next_steps"]["asked"] = ["process", "permission"]
    wb["next_steps"]["how"] = "an email to Hannah is fine."
    asked = " ".join(plan(wb).reasons)
    assert "next time, ask" not in asked
    assert 'You asked whether you could get in touch (notebook 03), and noted "an email to' in asked
    wb["follow_up"]["permission"] = "email"  # once they record the answer, it leads
    assert "Use email" in " ".join(plan(wb).reasons)
