"""Full and partial dates: YYYY-MM-DD, YYYY-MM or YYYY, sortable and labelled."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class DateKey:
    """A full or partial date, sortable, with its precision."""

    text: str
    year: int
    month: int | None
    day: int | None

    @staticmethod
    def parse(text: str) -> DateKey:
        """Read YYYY, YYYY-MM or YYYY-MM-DD (already validated)."""
        parts = [int(p) for p in text.split("-")]
        return DateKey(text, parts[0], *([*parts[1:], None, None])[:2])

    def sort_key(self) -> tuple[int, int, int]:
        """Partial dates sort at the start of their period, before dated days in it."""
        return (self.year, self.month or 0, self.day or 0)

    def label(self) -> str:
        """Show the date with its precision: '27 Feb 2025', 'Oct 2024', '2024'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def last_day(self) -> datetime.date:
        """The last day the date can mean: 2024-10 -> 2024-10-31, 2024 -> 2024-12-31."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    @property
    def partial(self) -> bool:
        """True when the date names a month or a year, not a day."""
        return self.day is None

    def period(self) -> str:
        """The month (or year) heading this date falls under."""
        if self.month is None:
            return f"{self.year}, month not known"
        return f"{MONTHS[self.month - 1]} {self.year}"

    def contains(self, other: DateKey) -> bool:
        """True when this date's period holds the other date ('2024' holds 'Oct 2024')."""
        if self.year != other.year:
            return False
        if self.month is None:
            return True
        return self.month == other.month and (self.day is None or self.day == other.day)


def span_label(first: DateKey | None, last: DateKey | None) -> str:
    """A date span as people write it: 'Oct 2024', 'Jan to Feb 2025', '3 to 27 Feb 2025'.

    A period that holds the other end is the span ('2024' to 'Oct 2024' is '2024'); the
    year is written once when both ends share it and are as precise as each other.
    """
    if first is None or last is None:
        one = first or last
        return one.label() if one else "undated"
    if first.contains(last):
        return first.label()
    if last.contains(first):
        return last.label()
    if first.year != last.year or (first.month is None) != (last.month is None):
        return f"{first.label()} to {last.label()}"
    if first.month is None or first.day is None or last.day is None:
        start = MONTHS[first.month - 1] if first.month and first.day is None else first.label()
        return f"{start} to {last.label()}"
    if first.month == last.month:
        return f"{first.day} to {last.label()}"
    return f"{first.day} {MONTHS[first.month - 1]} to {last.label()}"
