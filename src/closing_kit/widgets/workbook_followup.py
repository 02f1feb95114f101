"""The follow-up plan (chapter 4): dates to thank and to follow up, saved as a calendar file.

A date that looks mistyped (more than a year from the interview, or from
today) gets a note under its box; the plan lists the calendar file's events
and their dates before the file is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as w

from closing_kit.feedback_html import LABELS
from closing_kit.widgets.base import ExerciseView, auto_width, escape, stacked
from closing_kit.workbook._data import load
from closing_kit.workbook.followup import date_problems, events, plan, to_ics
from closing_kit.workbook.model import parse_date

__all__ = ["FollowUpView", "show_follow_up"]


class FollowUpView(ExerciseView):
    """The interview date, the date they gave, permission, holidays, and the plan."""

    title = "Your follow-up plan"
    sections = ("follow_up",)
    interview_open = True

    def build(self) -> list[w.Widget]:
        rules = load("followup.json")
        self.stated_date = self.date_picker(LABELS["stated_date"])
        self.bind_date(self.stated_date, "next_steps", "stated_date")
        self.permission = stacked(
            w.Dropdown(
                description="May you get in touch? What they said:",
                options=[(a["label"], a["id"]) for a in rules["permission"]],
            )
        )
        self.permission.observe(self._on_setting, names="value")
        days = rules["follow_up"]["after_date_business_days"]
        self.buffer = stacked(
            w.Dropdown(
                description="How long to wait after the date they gave",
                options=[(f"{n} business day{'s' if n > 1 else ''}", n) for n in days],
            )
        )
        self.buffer.observe(self._on_setting, names="value")
        self.holiday = self.date_picker("A holiday of yours")
        self.add_holiday = w.Button(
            description="Add this holiday", tooltip="Skip it like a weekend", layout=auto_width()
        )
        self.add_holiday.on_click(self._on_add_holiday)
        self.holidays = stacked(w.Select(description="Your holidays", options=[], rows=4))
        self.remove_holiday = w.Button(
            description="Remove the selected holiday",
            tooltip="Take the holiday selected in the list off the plan",
            layout=auto_width(),
        )
        self.remove_holiday.on_click(self._on_remove_holiday)
        self.plan_box = w.HTML()
        self.ics_button = w.Button(
            description="Save the calendar file (.ics)",
            tooltip="Import it into your calendar program",
            layout=auto_width(),
        )
        self.ics_button.on_click(self._on_ics)
        return [
            self.beside(self.stated_date),
            self.permission,
            self.buffer,
            w.HBox([self.holiday, self.add_holiday], layout=w.Layout(flex_flow="row wrap")),
            self.beside(self.holidays),
            self.remove_holiday,
            w.HTML("<h4>The plan</h4>"),
            self.plan_box,
            self.ics_button,
        ]

    def show(self) -> None:
        settings = self.workbook["follow_up"]
        self.stated_date.value = parse_date(self.workbook["next_steps"]["stated_date"])
        self.permission.value = settings["permission"]
        days = settings["buffer_days"]
        if days not in [value for _label, value in self.buffer.options]:
            self.buffer.options = [*self.buffer.options, (f"{days} business days", days)]
        self.buffer.value = settings["buffer_days"]
        self._list_holidays()
        self._refresh()

    def _list_holidays(self) -> None:
        """The holidays by their day's name ("Friday 25 December 2026"), each kept as ISO."""
        options = []
        for text in self.workbook["follow_up"]["holidays"]:
            day = parse_date(text)
            options.append((f"{day:%A} {day.day} {day:%B %Y}" if day else text, text))
        self.holidays.options = options

    def _refresh(self) -> None:
        notes = date_problems(self.workbook)
        self.note(self.date, notes.get("interview"))
        self.note(self.stated_date, notes.get("stated_date"))
        holidays = [message for key, message in notes.items() if key.startswith("holiday ")]
        self.note(self.holidays, " ".join(holidays) or None)
        p = plan(self.workbook)
        items = "".join(f"<li>{escape(line)}</li>" for line in (*p.problems, *p.reasons))
        found = events(self.workbook)
        listed = "".join(
            f"<li><strong>{escape(e.summary)}</strong>: {escape(e.when)}</li>" for e in found
        )
        calendar = (
            f"<p>The calendar file will hold {len(found)} event{'s' if len(found) != 1 else ''},"
            f" each with a reminder at 9 am:</p><ul>{listed}</ul>"
            if found
            else ""
        )
        self.plan_box.value = f"<ul>{items}</ul>{calendar}"
        self.result = {
            "date_notes": notes,
            "problems": list(p.problems),
            "reasons": list(p.reasons),
            "events": [
                {"summary": e.summary, "start": e.start.isoformat(), "end": e.end.isoformat()}
                for e in found
            ],
        }

    def dates_changed(self) -> None:
        self._refresh()

    def _on_setting(self, _change) -> None:
        if self._quiet:
            return
        self.workbook["follow_up"]["permission"] = self.permission.value
        self.workbook["follow_up"]["buffer_days"] = self.buffer.value
        self._refresh()
        self.save()

    def _on_add_holiday(self, _button=None) -> None:
        day = self.holiday.value
        if not isinstance(day, dt.date):
            self.say("Pick a date in 'A holiday of yours' first.", error=True)
            return
        holidays = set(self.workbook["follow_up"]["holidays"]) | {day.isoformat()}
        self.workbook["follow_up"]["holidays"] = sorted(holidays)
        self._list_holidays()
        self._refresh()
        self.save()

    def _on_remove_holiday(self, _button=None) -> None:
        chosen = self.holidays.value
        if not chosen:
            self.say("Select a holiday in the list first.", error=True)
            return
        holidays = [d for d in self.workbook["follow_up"]["holidays"] if d != chosen]
        self.workbook["follow_up"]["holidays"] = holidays
        self._list_holidays()
        self._refresh()
        self.save()

    def _on_ics(self, _button=None) -> Path | None:
        try:
            calendar = to_ics(self.workbook)
        except ValueError:
            self.say("Add the interview date first: the plan starts from it.", error=True)
            return None
        target = self.path.with_name(f"{self.path.stem}-follow-up.ics")
        if not self.write_beside(target, calendar):
            return None
        notes = date_problems(self.workbook)
        check = " Check the dates marked above first." if notes else ""
        self.say(
            f"Saved {target.name} next to your workbook: open it with your calendar.{check}",
            error=bool(notes),
        )
        return target


def show_follow_up(store: str | Path | None = None) -> FollowUpView:
    """The 'Follow-up plan' exercise, saved in the learner's work folder."""
    return FollowUpView(store)
