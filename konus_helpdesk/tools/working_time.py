# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-time arithmetic on a list of work intervals, without the database.

The calendar (``resource.calendar._work_intervals_batch``) answers *when* people
work; these functions answer *how much* and *until when*, for many clocks at
once. An interval is a ``(start, stop)`` pair of naive UTC datetimes; a list
of intervals is sorted and non-overlapping (as ``Intervals`` guarantees).

``plan`` follows ``resource.calendar.plan_hours`` exactly: a target reached on
the last second of a working period ends there (17:30, not 08:30 the next
working day), and a target of zero hours moves a start outside working time to
the next working moment.
"""

from bisect import bisect_left, bisect_right
from datetime import UTC, timedelta

ZERO = timedelta(0)


def to_utc_naive_intervals(intervals):
    """Turn ``Intervals`` (aware, in the calendar's tz) into sorted naive UTC
    ``(start, stop)`` pairs, dropping empty ones."""
    result = []
    for start, stop, *_meta in intervals:
        if start < stop:
            result.append(
                (
                    start.astimezone(UTC).replace(tzinfo=None),
                    stop.astimezone(UTC).replace(tzinfo=None),
                )
            )
    result.sort()
    return result


class WorkingTime:
    """A sorted list of work intervals with cumulated durations, so that each
    question is two bisections instead of a walk over the intervals."""

    def __init__(self, intervals):
        self.starts = [start for start, _stop in intervals]
        self.stops = [stop for _start, stop in intervals]
        # cumulated[i] = working time before interval i; cumulated[-1] = total
        self.cumulated = [ZERO]
        for start, stop in intervals:
            self.cumulated.append(self.cumulated[-1] + (stop - start))

    def _worked_before(self, moment):
        """Working time between the first interval and ``moment``."""
        index = bisect_right(self.starts, moment) - 1
        if index < 0:
            return ZERO
        return (
            self.cumulated[index] + min(moment, self.stops[index]) - self.starts[index]
        )

    def duration(self, start, stop):
        """Working time between two moments (``timedelta``)."""
        if stop <= start:
            return ZERO
        return self._worked_before(stop) - self._worked_before(start)

    def plan(self, start, duration):
        """The moment when ``duration`` of working time counted from ``start``
        is used up, or ``None`` when the intervals end before."""
        # The first interval still open at ``start`` (plan_hours clips the
        # calendar's intervals at ``start``, so earlier ones do not count).
        first = bisect_right(self.stops, start)
        if first >= len(self.starts):
            return None
        target = self._worked_before(max(start, self.starts[first])) + max(
            duration, ZERO
        )
        # The first interval whose end reaches the target.
        index = bisect_left(self.cumulated, target, lo=first + 1) - 1
        if index >= len(self.starts):
            return None
        return self.starts[index] + (target - self.cumulated[index])


def hours(delta):
    """A ``timedelta`` as a float number of hours."""
    return delta.total_seconds() / 3600
