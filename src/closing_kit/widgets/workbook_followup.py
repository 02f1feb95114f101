"""The follow-up plan (chapter 4): dates to thank and to follow up, saved as a calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as w

from closing_kit.widgets.base import ExerciseView, auto_width, escape
from closing_kit.workbook._data import load
from closing_kit.workbook.followup import plan, to_ics
from closing_kit.workbook.model import parse_date

__all__ = ["FollowUpView", "show_follow_up"]


class FollowUpView(ExerciseView):
    """The interview date, the date they gave, permission, holidays, and the plan."""

    title = "Your follow-up plan"
    sections = ("follow_up",)
    interview_open = True

    def build(self) -> list[w.Widget]:
        rules = load("followup.json")
        style = {"description_width": "11em"}
        self.stated_date = self.date_picker("Date they gave")
        self.bind_date(self.stated_date, "next_steps", "stated_date")
        self.permission = w.Dropdown(
            description="May you get in touch?",
            options=[(a["label"], a["id"]) for a in rules["permission"]],
            style=style,
            layout=auto_width(),
        )
        self.permission.observe(self._on_setting, names="value")
        self.buffer = w.Dropdown(
            description="Days past their date",
            options=[(f"{n} business day{'s' if n > 1 else ''}", n) for n in
                     rules["follow_up"]["after_date_business_days"]],
            style=style,
        )  # fmt: skip
        self.buffer.observe(self._on_setting, names="value")
        self.holiday = self.date_picker("A holiday of yours")
        self.add_holiday = w.Button(
            description="Add this holiday", tooltip="Skip it like a weekend"
        )
        self.add_holiday.on_click(self._on_add_holiday)
        self.holidays = w.Select(description="Your holidays", options=[], rows=4, style=style)
        self.remove_holiday = w.Button(description="Remove the selected holiday")
        self.remove_holiday.on_click(self._on_remove_holiday)
        self.plan_box = w.HTML()
        self.ics_button = w.Button(
            description="Save the calendar file (.ics)",
            tooltip="Import it into your calendar program",
            layout=auto_width(),
        )
        self.ics_button.on_click(self._on_ics)
        return [
            self.stated_date,
            self.permission,
            self.buffer,
            w.HBox([self.holiday, self.add_holiday]),
            w.HBox([self.holidays, self.remove_holiday]),
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
        self.holidays.options = list(settings["holidays"])
        self._refresh()

    def _refresh(self) -> None:
        p = plan(self.workbook)
        items = "".join(f"<li>{escape(line)}</li>" for line in (*p.problems, *p.reasons))
        self.plan_box.value = f"<ul>{items}</ul>"

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
        self.holidays.options = self.workbook["follow_up"]["holidays"]
        self._refresh()
        self.save()

    def _on_remove_holiday(self, _button=None) -> None:
        chosen = self.holidays.value
        if not chosen:
            self.say("Select a holiday in the list first.", error=True)
            return
        holidays = [d for d in self.workbook["follow_up"]["holidays"] if d != chosen]
        self.workbook["follow_up"]["holidays"] = holidays
        self.holidays.options = holidays
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
        self.say(f"Saved {target.name} next to your workbook: open it with your calendar.")
        return target


def show_follow_up(store: str | Path | None = None) -> FollowUpView:
    """The 'Follow-up plan' exercise, saved in the learner's work folder."""
    return FollowUpView(store)
