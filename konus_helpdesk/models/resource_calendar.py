# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import bisect
from datetime import date, datetime, time, timedelta
from operator import itemgetter

from pytz import timezone

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_datetime
from odoo.tools.date_utils import float_to_time
from odoo.tools.intervals import Intervals

from ..tools import production_calendar as pc
from ..tools.cron_batch import commit_progress

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
# Calendar fields whose change moves every working interval.
_WORKING_TIME_FIELDS = {
    "tz",
    "konus_weekend_pattern",
    "flexible_hours",
    "hours_per_day",
    "full_time_required_hours",
}


class ResourceCalendar(models.Model):
    """A working-time calendar with special days (§3.1 «по рабочим дням в
    соответствии с производственным календарем РФ»).

    Odoo's resource knows a weekly pattern (attendances) and leaves. The
    special days of the production calendar change that pattern date by date,
    and they do it in one place, ``_attendance_intervals_batch``, when the
    intervals are asked for: a day off has no attendance on its local day, a
    shortened day loses its last working hour, and a weekend day made working
    by decree gets the attendances of ``konus_weekend_pattern`` (the weekday
    whose schedule it follows). Nothing is stored in UTC, so a change of the
    time zone, of the attendances or of the weekend pattern moves the special
    days with it. Everything built on those intervals —
    ``_work_intervals_batch``, ``plan_hours``, ``plan_days``,
    ``get_work_hours_count``, ``get_work_duration_data``, the SLA — sees the
    same days, with or without ``compute_leaves`` (leaves stay what they are
    in Odoo: individual or company time off on top of the calendar).
    """

    _inherit = "resource.calendar"

    konus_special_day_ids = fields.One2many(
        "konus.calendar.special.day", "calendar_id", string="Special days"
    )
    konus_special_day_count = fields.Integer(
        compute="_compute_konus_special_day_count", string="Special day count"
    )
    konus_holiday_policy = fields.Selection(
        [
            ("ru", "Russian production calendar"),
            ("ru_buryatia", "Russian production calendar + Buryatia (Sagaalgan)"),
        ],
        string="Production calendar",
        help="Which special days the sync fills in. Empty: none "
        "(e.g. a 24/7 calendar).",
    )
    konus_weekend_pattern = fields.Selection(
        WEEKDAYS,
        string="Working weekend schedule",
        default="0",
        required=True,
        help="A weekend day made working by decree follows the schedule of "
        "this weekday.",
    )

    # Stored on the calendar so that reading it comes with the calendar's
    # other columns (no extra query in _attendance_intervals_batch) and is
    # invalidated by the ORM on every special-day edit.
    konus_special_day_kinds = fields.Json(
        compute="_compute_konus_special_day_kinds",
        store=True,
        string="Special days by date",
        help="[date ordinal, kind] of every special day, sorted by date.",
    )

    @api.depends("konus_special_day_ids.date", "konus_special_day_ids.kind")
    def _compute_konus_special_day_kinds(self):
        for calendar in self:
            calendar.konus_special_day_kinds = sorted(
                [day.date.toordinal(), day.kind]
                for day in calendar.konus_special_day_ids
                if day.date
            )

    def _compute_konus_special_day_count(self):
        counts = dict(
            self.env["konus.calendar.special.day"]._read_group(
                [("calendar_id", "in", self.ids)], ["calendar_id"], ["__count"]
            )
        )
        for calendar in self:
            calendar.konus_special_day_count = counts.get(calendar, 0)

    # ------------------------------------------------------------ CRUD

    def write(self, vals):
        result = super().write(vals)
        # Attendances and special days edited through the calendar trigger
        # their own recompute; these move every interval of the calendar.
        if _WORKING_TIME_FIELDS & set(vals):
            self._konus_recompute_sla_deadlines()
        return result

    # ------------------------------------------------------------ actions

    def action_konus_special_days(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "konus_helpdesk.konus_calendar_special_day_action"
        )
        action["domain"] = [("calendar_id", "=", self.id)]
        action["context"] = {"default_calendar_id": self.id}
        return action

    def action_konus_sync_special_days(self):
        summary = self._konus_sync_special_days(self._konus_sync_years())
        message = self.env._(
            "Created: %(created)s, updated: %(updated)s, removed: %(removed)s, "
            "manual days kept: %(manual)s.",
            **summary,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Production calendar synced"),
                "message": message,
                "type": "success",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------ business

    def _konus_recompute_sla_deadlines(self):
        """Recompute, in one batch, the SLA deadlines of all open tickets
        counted in these calendars, after their working time changed
        (special days, attendances, time zone, weekend pattern)."""
        if self.env.context.get("konus_sla_recompute_deferred"):
            # The caller (the production-calendar sync) recomputes once.
            return self.env["helpdesk.ticket.sla"]
        return self.env["helpdesk.ticket.sla"]._konus_recompute_open_deadlines(self)

    def _konus_format_local(self, value):
        """``value`` (a naive UTC datetime) as a short date and time on the
        wall clock of this calendar, followed by its time zone, in the
        reader's language: ``"01.03.2027, 10:00 Europe/Moscow"``. Without a
        calendar, in the reader's own time zone."""
        if not value:
            return ""
        tz = self.tz or self.env.user.tz or "UTC"
        return f"{format_datetime(self.env, value, tz=tz, dt_format='short')} {tz}"

    def _konus_sync_years(self):
        year = fields.Date.context_today(self).year
        return range(year - 1, year + 2)

    def _konus_sync_special_days(self, years):
        """Bring the synced special days of ``years`` in line with the
        production calendar. Idempotent; manual days and their dates are left
        alone. Returns {'created', 'updated', 'removed', 'manual'} counts."""
        summary = dict.fromkeys(("created", "updated", "removed", "manual"), 0)
        years = list(years)
        SpecialDay = self.env["konus.calendar.special.day"].with_context(
            konus_special_day_sync=True, konus_sla_recompute_deferred=True
        )
        calendars = self.filtered("konus_holiday_policy")
        for calendar in calendars:
            wanted = pc.production_calendar(
                years, buryatia=calendar.konus_holiday_policy == "ru_buryatia"
            )
            existing = SpecialDay.search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("year", "in", years),
                ]
            )
            manual = existing.filtered(lambda d: d.source == "manual")
            summary["manual"] += len(manual)
            manual_dates = set(manual.mapped("date"))
            synced = {d.date: d for d in existing if d.source == "synced"}
            to_remove = SpecialDay.browse(
                [d.id for day, d in synced.items() if day not in wanted]
            )
            vals_create = []
            for day, special in sorted(wanted.items()):
                if day in manual_dates:
                    continue
                vals = {
                    "kind": special.kind,
                    "confirmed": special.confirmed,
                    "note": special.note or False,
                }
                record = synced.get(day)
                if record is None:
                    vals_create.append(
                        dict(vals, calendar_id=calendar.id, date=day, source="synced")
                    )
                elif any(record[name] != value for name, value in vals.items()):
                    record.write(vals)
                    summary["updated"] += 1
            summary["removed"] += len(to_remove)
            to_remove.unlink()
            SpecialDay.create(vals_create)
            summary["created"] += len(vals_create)
        if any(summary[key] for key in ("created", "updated", "removed")):
            calendars._konus_recompute_sla_deadlines()
        return summary

    @api.model
    def _cron_konus_sync_special_days(self):
        """Yearly (and once at install): sync every calendar that follows a
        production calendar. Run by the scheduler, each calendar — with the
        recompute of its open SLA deadlines — is committed on its own; a run
        cut short starts again and finds the calendars already synced
        unchanged (the sync is idempotent)."""
        calendars = self.search([("konus_holiday_policy", "!=", False)], order="id")
        years = self._konus_sync_years()
        summary = dict.fromkeys(("created", "updated", "removed", "manual"), 0)
        for index, calendar in enumerate(calendars):
            for key, count in calendar._konus_sync_special_days(years).items():
                summary[key] += count
            commit_progress(self.env, 1, len(calendars) - index - 1)
        return summary

    def _konus_special_days_between(self, first, last):
        """``[(date, kind)]`` of the special days from ``first`` to ``last``
        (dates, both included), in date order."""
        self.ensure_one()
        kinds = self.konus_special_day_kinds or []
        low = bisect.bisect_left(kinds, first.toordinal(), key=itemgetter(0))
        high = bisect.bisect_right(kinds, last.toordinal(), key=itemgetter(0))
        return [(date.fromordinal(ordinal), kind) for ordinal, kind in kinds[low:high]]

    def _konus_week_attendances(self, day):
        """The working attendances of the week of ``day`` (its week type in
        a two-week calendar)."""
        self.ensure_one()
        attendances = self._get_global_attendances()
        if self.two_weeks_calendar:
            week_type = str(self.env["resource.calendar.attendance"].get_week_type(day))
            attendances = attendances.filtered(lambda a: a.week_type == week_type)
        return attendances

    def _konus_weekday_attendances(self, day):
        """The working attendances the weekly pattern has on ``day``."""
        return self._konus_week_attendances(day).filtered(
            lambda a: int(a.dayofweek) == day.weekday()
        )

    def _konus_day_attendances(self, day):
        """The working attendances of ``day`` when it is worked: its own
        weekday's, or the weekend pattern's (a weekend day made working)."""
        attendances = self._konus_week_attendances(day)
        return attendances.filtered(
            lambda a: int(a.dayofweek) == day.weekday()
        ) or attendances.filtered(lambda a: a.dayofweek == self.konus_weekend_pattern)

    # ------------------------------------------------------------ overrides

    def _works_on_date(self, date):
        days = self._konus_special_days_between(date, date)
        if days:
            return days[0][1] in pc.WORKING_KINDS
        return super()._works_on_date(date)

    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        # Local dates may differ from the given ones by a day either side.
        days = self._konus_special_days_between(
            start_dt.date() - timedelta(days=1), end_dt.date() + timedelta(days=1)
        )
        if not days:
            return result
        return self._konus_apply_special_days(
            result, days, start_dt, end_dt, resources, domain, tz, lunch
        )

    # ------------------------------------------------------------ private

    def _konus_apply_special_days(
        self, result, days, start_dt, end_dt, resources, domain, tz, lunch
    ):
        """Apply the special ``days`` to the weekly pattern's intervals in
        ``result`` (``{resource id: Intervals}``), in the time zone each
        interval is expressed in. A flexible calendar has no attendances to
        add or shorten: only its days off apply."""
        days_off, added, shortened = [], [], []  # naive local datetimes
        pattern = None
        for day, kind in days:
            if kind in pc.NON_WORKING_KINDS:
                days_off.append(
                    (
                        datetime.combine(day, time.min),
                        datetime.combine(day + timedelta(days=1), time.min),
                    )
                )
                continue
            if self.flexible_hours:
                continue
            if not self._konus_weekday_attendances(day):
                if pattern is None:
                    pattern = self._konus_pattern_attendances_search(domain, lunch)
                added += self._konus_attendance_spans(day, pattern)
            if kind == pc.SHORTENED:
                hours = [
                    (attendance.hour_from, attendance.hour_to)
                    for attendance in self._konus_day_attendances(day)
                ]
                shortened += [
                    (
                        datetime.combine(day, float_to_time(hour_from)),
                        datetime.combine(day, float_to_time(hour_to)),
                    )
                    for hour_from, hour_to in pc.shortened_spans(hours)
                ]
        Resource = self.env["resource.resource"]
        none = self.env["resource.calendar.attendance"]
        resource_calendars = (resources or Resource)._get_calendar_at(start_dt, tz)
        changes_per_tz = {}
        for resource in [Resource, *(resources or ())]:
            if resource and not resource_calendars.get(resource):
                continue  # fully flexible: super returned the whole period
            flexible = self.flexible_hours or (
                resource and resource_calendars[resource].flexible_hours
            )
            res_tz = tz or timezone((resource or self).tz)
            key = (res_tz, bool(flexible))
            if key not in changes_per_tz:
                start = start_dt.astimezone(res_tz)
                end = end_dt.astimezone(res_tz)
                extra = []
                if not flexible:
                    for day_from, day_to, attendance in added:
                        interval_start = max(start, res_tz.localize(day_from))
                        interval_stop = min(end, res_tz.localize(day_to))
                        if interval_start < interval_stop:
                            extra.append((interval_start, interval_stop, attendance))
                removed = days_off if flexible else days_off + shortened
                changes_per_tz[key] = (
                    Intervals(extra, keep_distinct=True),
                    Intervals(
                        [
                            (res_tz.localize(day_from), res_tz.localize(day_to), none)
                            for day_from, day_to in removed
                        ]
                    ),
                )
            extra, removed = changes_per_tz[key]
            intervals = result[resource.id]
            if extra:
                intervals = intervals | extra
            if removed:
                intervals = intervals - removed
            result[resource.id] = intervals
        return result

    def _konus_pattern_attendances_search(self, domain, lunch):
        """The weekend pattern's attendances that ``domain`` and ``lunch``
        select, as Odoo's ``_attendance_intervals_batch`` selects them."""
        return self.env["resource.calendar.attendance"].search(
            Domain.AND(
                [
                    Domain(domain or Domain.TRUE),
                    Domain("calendar_id", "=", self.id),
                    Domain("display_type", "=", False),
                    Domain("day_period", "=" if lunch else "!=", "lunch"),
                    Domain("dayofweek", "=", self.konus_weekend_pattern),
                ]
            )
        )

    def _konus_attendance_spans(self, day, attendances):
        """``(start, stop, attendance)`` in naive local time of the
        ``attendances`` that apply on ``day`` (its week type)."""
        if self.two_weeks_calendar:
            week_type = str(self.env["resource.calendar.attendance"].get_week_type(day))
            attendances = attendances.filtered(lambda a: a.week_type == week_type)
        return [
            (
                datetime.combine(day, float_to_time(attendance.hour_from)),
                datetime.combine(day, float_to_time(attendance.hour_to)),
                attendance,
            )
            for attendance in attendances
        ]
