"""The follow-up plan (chapter 4): when to thank, when to follow up, as an ``.ics`` calendar.

Rules, with their sources (both on the book's sources page; numbers in
``data/workbook/followup.json``):

- Thank-you notes within 24 hours of the interview: eFinancialCareers,
  "Thanking employers for interviews is a given—Just do it within 24 hours",
  *eFinancialCareers News*, June 2012.
- Follow up at least five business days after the interview when no date was
  given, and one to two business days past a date that was given: Indeed
  Editorial Team, "How Long Should I Wait After an Interview To Follow Up?",
  *Indeed Career Guide*, updated 9 June 2023.

Weekends and the learner's own holidays are not business days. A date more
than a year from the interview (or from today, before there is an interview
date) is most likely mistyped: it is kept, and :func:`date_problem` says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from closing_kit.workbook._data import load
from closing_kit.workbook.fields import printable
from closing_kit.workbook.model import parse_date

__all__ = [
    "CalendarEvent",
    "FollowUpPlan",
    "add_business_days",
    "date_problem",
    "date_problems",
    "events",
    "plan",
    "to_ics",
]

#: A date further than this from the interview (or today) gets a note.
PLAUSIBLE = dt.timedelta(days=366)


def add_business_days(start: dt.date, days: int, holidays=()) -> dt.date:
    """The date ``days`` business days after ``start``, skipping weekends and ``holidays``."""
    skip = set(holidays)
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in skip:
            left -= 1
    return day


@dataclass(frozen=True)
class FollowUpPlan:
    """The dates and the reasons behind them, for the widget, the CLI and the calendar.

    ``thank_you_on`` is the interview day and ``thank_you_by`` the day after
    (24 hours); ``follow_up_on`` is ``None`` when there is nothing to follow up
    (no interview date, or the interviewer asked you not to).
    """

    thank_you_on: dt.date | None
    thank_you_by: dt.date | None
    follow_up_on: dt.date | None
    contact: str
    reasons: tuple[str, ...] = field(default=())
    problems: tuple[str, ...] = field(default=())


def date_problem(date: dt.date | None, anchor: dt.date, anchor_name: str) -> str | None:
    """A one-line note when ``date`` is more than a year from ``anchor``, else ``None``."""
    if date is None or abs(date - anchor) <= PLAUSIBLE:
        return None
    side = "after" if date > anchor else "before"
    return (
        f"{_day(date)} is more than a year {side} {anchor_name}: "
        "is that the date you meant? Check the day, month and year."
    )


def date_problems(workbook: dict, today: dt.date | None = None) -> dict[str, str]:
    """Notes on the dates that look mistyped, by field ("interview", "holiday 2026-12-25").

    The interview date is compared with today; every other date with the
    interview date, or with today while there is none.
    """
    today = today or dt.date.today()
    interview = parse_date(workbook["interview"]["date"])
    found = {"interview": date_problem(interview, today, "today")}
    anchor, name = (interview, "the interview") if interview else (today, "today")
    found["stated_date"] = date_problem(
        parse_date(workbook["next_steps"]["stated_date"]), anchor, name
    )
    for text in workbook["follow_up"]["holidays"]:
        found[f"holiday {text}"] = date_problem(parse_date(text), anchor, name)
    return {key: message for key, message in found.items() if message}


def plan(workbook: dict) -> FollowUpPlan:
    """Work out the follow-up plan from the interview date and what was said about timing."""
    rules = load("followup.json")
    interview = parse_date(workbook["interview"]["date"])
    stated = parse_date(workbook["next_steps"]["stated_date"])
    settings = workbook["follow_up"]
    holidays = [d for d in map(parse_date, settings["holidays"]) if d]
    answer = next(a for a in rules["permission"] if a["id"] == settings["permission"])
    if not answer["id"] and "permission" in workbook["next_steps"]["asked"]:
        # Notebook 03's tick says the question was asked: don't tell them to ask next time.
        how = workbook["next_steps"]["how"].strip().rstrip(".")
        advice = rules["asked_but_not_recorded"]["advice"].format(
            how=f', and noted "{how}"' if how else ""
        )
        answer = {**answer, "advice": advice}
    contact = workbook["next_steps"]["who"].strip() or workbook["next_steps"]["how"].strip()
    if interview is None:
        return FollowUpPlan(
            None, None, None, contact, (), ("Add the interview date to work out the plan.",)
        )
    problems = []
    if date_problem(stated, interview, "the interview"):
        problems.append(date_problem(stated, interview, "the interview"))
    if stated is not None and stated < interview:
        problems.append("The date they gave is before the interview: check both dates.")
        stated = None
    thank_by = interview + dt.timedelta(days=1)
    reasons = [
        f"Send your thank-you notes by {_day(thank_by)}, within "
        f"{rules['thank_you']['within_hours']} hours of the interview "
        f"({rules['thank_you']['source']})."
    ]
    follow_up = None
    if not answer["follow_up"]:
        reasons.append(answer["advice"])
    else:
        if stated is not None:
            days = settings["buffer_days"]
            follow_up = add_business_days(stated, days, holidays)
            why = f"{days} business day{'s' if days != 1 else ''} after the date they gave"
        else:
            days = rules["follow_up"]["no_date_business_days"]
            follow_up = add_business_days(interview, days, holidays)
            why = f"{days} business days after the interview, as no date was given"
        reasons.append(
            f"If you have heard nothing, follow up on {_day(follow_up)}: {why}, "
            f"skipping weekends and your holidays ({rules['follow_up']['source']})."
        )
        reasons.append(answer["advice"])
    return FollowUpPlan(interview, thank_by, follow_up, contact, tuple(reasons), tuple(problems))


def _day(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event of the calendar file; ``end`` is the day after the last day."""

    key: str
    start: dt.date
    end: dt.date
    summary: str
    description: str

    @property
    def when(self) -> str:
        """The event's day or days, as the learner reads them."""
        last = self.end - dt.timedelta(days=1)
        return _day(self.start) if last == self.start else f"{_day(self.start)} to {_day(last)}"


def events(workbook: dict) -> list[CalendarEvent]:
    """The events the calendar file holds (none without an interview date)."""
    p = plan(workbook)
    if p.thank_you_on is None:
        return []
    interview = workbook["interview"]
    about = ", ".join(
        printable(x.strip()) for x in (interview["role"], interview["company"]) if x.strip()
    )
    suffix = f" ({about})" if about else ""
    out = [
        CalendarEvent(
            "thank-you",
            p.thank_you_on,
            p.thank_you_by + dt.timedelta(days=1),
            f"Send thank-you notes{suffix}",
            p.reasons[0],
        )
    ]
    if p.follow_up_on is not None:
        who = f" Contact: {printable(p.contact)}." if p.contact else ""
        out.append(
            CalendarEvent(
                "follow-up",
                p.follow_up_on,
                p.follow_up_on + dt.timedelta(days=1),
                f"Follow up if you have not heard{suffix}",
                " ".join(p.reasons[1:]) + who,
            )
        )
    return out


def to_ics(workbook: dict, stamp: dt.datetime | None = None) -> bytes:
    """The plan as an iCalendar file: all-day events, each with a 9 am reminder.

    Parameters
    ----------
    stamp
        The ``DTSTAMP`` of the events (now, in UTC, by default).

    Raises
    ------
    ValueError
        When the workbook has no interview date, so there is nothing to schedule.
    """
    from icalendar import Alarm, Calendar, Event

    found = events(workbook)
    if not found:
        raise ValueError("the workbook has no interview date, so there is nothing to schedule")
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//closing-kit//workbook follow-up plan//EN")
    cal.add("version", "2.0")
    for item in found:
        event = Event()
        event.add("uid", f"{workbook['id']}-{item.key}@closing-kit")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", dt.timedelta(hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
