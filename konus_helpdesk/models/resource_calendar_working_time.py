# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import UTC, timedelta

from odoo import models

from ..tools.working_time import WorkingTime, hours, to_utc_naive_intervals

# Like resource.calendar.plan_hours (100 × 14 days): give up beyond ~4 years.
PLAN_HORIZON = timedelta(days=1400)


class ResourceCalendar(models.Model):
    """Working time counted for many clocks at once (§3.1: the SLA counts
    «рабочее время» in the calendar of the request).

    ``plan_hours`` and ``get_work_hours_count`` answer one question per call,
    each fetching the calendar's intervals again. These batch methods answer
    many questions on one calendar with one fetch of its effective work
    intervals (``_work_intervals_batch``: attendances, working weekends,
    minus global leaves), walked by :class:`..tools.working_time.WorkingTime`.
    Requests and answers are ``{key: value}``; moments are naive UTC. An
    empty calendar counts every hour (24/7), as a ticket without one does.
    """

    _inherit = "resource.calendar"

    def _konus_plan_hours_batch(self, requests):
        """``requests``: ``{key: (start, duration)}``; return ``{key: moment}``,
        the moment each ``duration`` (a ``timedelta``) of working time counted
        from ``start`` is used up, as ``plan_hours`` would plan it, or
        ``None`` beyond the horizon."""
        if not self:
            return {
                key: start + duration for key, (start, duration) in requests.items()
            }
        self.ensure_one()
        results = dict.fromkeys(requests)
        if not requests:
            return results
        starts = [start for start, _duration in requests.values()]
        longest = max(duration for _start, duration in requests.values())
        span_start = min(starts)
        # Generous first guess (a week of holidays, 40 h weeks) so that one
        # fetch is the rule; doubled if some deadline is further.
        span_end = max(starts) + timedelta(days=31) + longest * 5
        pending = list(requests)
        while pending:
            working_time = self._konus_working_time(span_start, span_end)
            left = []
            for key in pending:
                moment = working_time.plan(*requests[key])
                if moment is None:
                    left.append(key)
                else:
                    results[key] = moment
            pending = left
            if span_end - span_start > PLAN_HORIZON:
                break
            span_end += (span_end - span_start) * 2
        return results

    def _konus_work_hours_batch(self, requests):
        """``requests``: ``{key: (start, stop)}``; return ``{key: hours}``, the
        working hours between each pair of moments (0 when ``start`` is
        empty or not before ``stop``)."""
        results = dict.fromkeys(requests, 0.0)
        counted = {
            key: (start, stop)
            for key, (start, stop) in requests.items()
            if start and start < stop
        }
        if not counted:
            return results
        if not self:
            results.update(
                {key: hours(stop - start) for key, (start, stop) in counted.items()}
            )
            return results
        self.ensure_one()
        working_time = self._konus_working_time(
            min(start for start, _stop in counted.values()),
            max(stop for _start, stop in counted.values()),
        )
        results.update(
            {
                key: hours(working_time.duration(start, stop))
                for key, (start, stop) in counted.items()
            }
        )
        return results

    def _konus_working_time(self, start, stop):
        """The calendar's effective work intervals between two naive UTC
        moments, as a :class:`WorkingTime` to ask many questions of."""
        self.ensure_one()
        intervals = self._work_intervals_batch(
            start.replace(tzinfo=UTC), stop.replace(tzinfo=UTC)
        )[False]
        return WorkingTime(to_utc_naive_intervals(intervals))
