"""Everyone you met (chapter 2): a quick contact card per person, saved as you type.

The view flags what each card still needs, checks emails and phone numbers
(a note under the box; what was typed is kept), asks about the people who
are easy to forget, and saves the cards as vCard (for a phone's contacts) or
CSV (for a spreadsheet), next to the workbook file, leaving out the contact
details that do not look right, and saying so.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.widgets.base import ExerciseView, auto_width, escape, stacked
from closing_kit.workbook._data import load
from closing_kit.workbook.contacts import (
    card_gaps,
    card_problems,
    left_out,
    missing_people,
    present_groups,
    to_csv,
    to_vcard,
)
from closing_kit.workbook.fields import field_problem
from closing_kit.workbook.model import new_person

__all__ = ["ContactsView", "show_contacts"]


class _Card:
    """The widgets of one person's card."""

    def __init__(self, view: ContactsView, person: dict):
        self.id = person["id"]
        kinds = [("Not chosen yet", "")] + [(k["label"], k["id"]) for k in view.kinds]
        self.name = view.text("Name", placeholder="as they spell it")
        self.title = view.text("Job title")
        self.kind = stacked(w.Dropdown(description="Role in the decision", options=kinds))
        self.email = view.text("Email", placeholder="e.g. tom.reyes@harlow.example")
        self.phone = view.text("Phone", placeholder="only if they offered one")
        self.talked_about = view.text(
            "What you talked about", placeholder="e.g. the new ticket system", area=True
        )
        self.gaps = w.HTML()
        self.remove = w.Button(
            description="Remove this card",
            tooltip="Take this person off the list (can be undone)",
            layout=auto_width(),
        )
        self.box = w.VBox(
            [
                view.beside(self.name),
                view.beside(self.title),
                self.kind,
                view.beside(self.email),
                view.beside(self.phone),
                view.beside(self.talked_about),
                self.gaps,
                self.remove,
            ],
            layout=w.Layout(border="1px solid #ccc", padding="0.5em", margin="0.5em 0"),
        )
        for key in ("name", "title", "kind", "email", "phone", "talked_about"):
            getattr(self, key).value = person[key]


class ContactsView(ExerciseView):
    """Contact cards, a reminder of who is easy to forget, and vCard/CSV export."""

    title = "Everyone you met"
    sections = ("people", "not_met")
    interview_open = True

    def build(self) -> list[w.Widget]:
        data = load("people.json")
        self.kinds = data["kinds"]
        self.groups = data["groups"]
        self.cards: list[_Card] = []
        self._removed: list[dict] = []
        self.cards_box = w.VBox()
        self.add_button = w.Button(
            description="Add a person", tooltip="Add an empty card", layout=auto_width()
        )
        self.add_button.on_click(self._on_add)
        self.undo_button = w.Button(
            description="Put back the last removed card",
            layout=w.Layout(width="auto", display="none"),
        )
        self.undo_button.on_click(self._on_undo)
        self.missing = w.HTML()
        self.not_met = {
            g["id"]: w.Checkbox(
                description=f"I did not meet {g['label']}",
                indent=False,
                layout=auto_width(),
            )
            for g in self.groups
        }
        for group_id, box in self.not_met.items():
            box.observe(lambda change, g=group_id: self._on_not_met(g, change), names="value")
        self.vcard_button = w.Button(
            description="Save contacts as vCard (.vcf)",
            tooltip="For a phone or address book",
            layout=auto_width(),
        )
        self.vcard_button.on_click(lambda _b: self._export("vcf"))
        self.csv_button = w.Button(
            description="Save contacts as CSV",
            tooltip="For a spreadsheet",
            layout=auto_width(),
        )
        self.csv_button.on_click(lambda _b: self._export("csv"))
        return [
            self.cards_box,
            w.HBox([self.add_button, self.undo_button], layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<h4>Anyone missing?</h4>"),
            self.missing,
            w.VBox(list(self.not_met.values())),
            w.HBox([self.vcard_button, self.csv_button], layout=w.Layout(flex_flow="row wrap")),
        ]

    # -- showing -----------------------------------------------------------
    def show(self) -> None:
        self.cards = [self._card(p) for p in self.workbook["people"]]
        self.cards_box.children = [c.box for c in self.cards]
        for group_id, box in self.not_met.items():
            box.value = group_id in self.workbook["not_met"]
        self._refresh()

    def _card(self, person: dict) -> _Card:
        card = _Card(self, person)
        for key in ("name", "title", "kind", "email", "phone", "talked_about"):
            getattr(card, key).observe(
                lambda change, c=card, k=key: self._on_field(c, k, change), names="value"
            )
        card.remove.on_click(lambda _b, c=card: self._on_remove(c))
        return card

    def _person(self, card: _Card) -> dict:
        return next(p for p in self.workbook["people"] if p["id"] == card.id)

    def _refresh(self) -> None:
        cards = []
        for card in self.cards:
            person = self._person(card)
            gaps, problems = card_gaps(person), card_problems(person)
            for key in ("email", "phone"):
                self.note(getattr(card, key), problems.get(key))
            lines = []
            if gaps:
                lines.append(f"Still to find: {', '.join(gaps)}.")
            if problems:
                checks = " and ".join(
                    "the email" if k == "email" else "the phone" for k in problems
                )
                lines.append(f"Check {checks}: kept here, but left out of the contact files.")
            card.gaps.value = (
                "".join(f"<div><em>{escape(line)}</em></div>" for line in lines)
                if lines
                else "Complete."
            )
            cards.append({"id": card.id, "gaps": gaps, "problems": problems})
        questions = missing_people(self.workbook)
        self.missing.value = (
            "<ul>" + "".join(f"<li>{escape(q)}</li>" for q in questions) + "</ul>"
            if questions
            else "<p>Everyone on chapter 2's list is accounted for.</p>"
        )
        fmt = self.workbook["interview"]["format"]
        present = present_groups(self.workbook)
        for group in self.groups:
            shown = fmt in group["formats"] and group["id"] not in present
            self.not_met[group["id"]].layout.display = None if shown else "none"
        self.result = {"cards": cards, "missing": questions}

    def dates_changed(self) -> None:  # the interview format changes who may be missing
        self._refresh()

    # -- events ------------------------------------------------------------
    def _on_field(self, card: _Card, key: str, change) -> None:
        if self._quiet:
            return
        self._person(card)[key] = change["new"]
        if key in ("name", "title", "talked_about"):
            box = getattr(card, key)
            self.note(box, field_problem(change["new"], box.description, key == "name"))
        self._refresh()  # the email and phone notes
        self.save()

    def _on_add(self, _button=None) -> _Card:
        person = new_person(self.workbook)
        card = self._card(person)
        self.cards.append(card)
        self.cards_box.children = [*self.cards_box.children, card.box]
        self._refresh()
        self.save(note="A new card: start with the name.", warn=False)
        return card

    def _on_remove(self, card: _Card) -> None:
        person = self._person(card)
        self._removed.append(person)
        self.workbook["people"].remove(person)
        self.cards.remove(card)
        self.cards_box.children = [c.box for c in self.cards]
        self.undo_button.layout.display = None
        self._refresh()
        name = person["name"].strip() or "an unnamed person"
        self.save(note=f"Removed the card for {name}; 'Put back' brings it back.", warn=False)

    def _on_undo(self, _button=None) -> None:
        if not self._removed:
            return
        person = self._removed.pop()
        if any(p["id"] == person["id"] for p in self.workbook["people"]):
            person = new_person(self.workbook, **{k: v for k, v in person.items() if k != "id"})
        else:
            self.workbook["people"].append(person)
        card = self._card(person)
        self.cards.append(card)
        self.cards_box.children = [c.box for c in self.cards]
        if not self._removed:
            self.undo_button.layout.display = "none"
        self._refresh()
        self.save()

    def _on_not_met(self, group_id: str, change) -> None:
        if self._quiet:
            return
        not_met = [g for g in self.workbook["not_met"] if g != group_id]
        if change["new"]:
            not_met.append(group_id)
        self.workbook["not_met"] = not_met
        self._refresh()
        self.save()

    def _export(self, kind: str) -> Path | None:
        named = [p for p in self.workbook["people"] if p["name"].strip()]
        if not named:
            self.say("Add at least one person with a name first.", error=True)
            return None
        target = self.path.with_name(f"{self.path.stem}-contacts.{kind}")
        if kind == "vcf":
            data = to_vcard(self.workbook).encode("utf-8")
        else:
            data = to_csv(self.workbook).encode("utf-8-sig")
        if not self.write_beside(target, data):
            return None
        n = len(named)
        noun = "contact" if n == 1 else "contacts"
        message = f"Saved {n} {noun} to {target.name}, next to your workbook."
        skipped = left_out(self.workbook)
        if skipped:
            message += (
                f" Left out, as they do not look right: {', '.join(skipped)}."
                " Fix them on the card, then save again."
            )
        self.say(message, error=bool(skipped))
        self.result = {**(self.result or {}), "file": target.name, "left_out": skipped}
        return target


def show_contacts(store: str | Path | None = None) -> ContactsView:
    """The 'Everyone you met' exercise, saved in the learner's work folder."""
    return ContactsView(store)
