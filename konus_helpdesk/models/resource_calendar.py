# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import bisect
from datetime import date, datetime

from pytz import timezone

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.date_utils import float_to_time
from odoo.tools.intervals import Intervals

from ..tools import production_calendar as pc

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class ResourceCalendar(models.Model):
    """A working-time calendar with special days (§3.1 «по рабочим дням в
    соответствии с производственным календарем РФ»).

    Odoo's resource knows a weekly pattern and leaves. Days off and shortened
    hours are leaves; the one thing it cannot express is a weekend day made
    working by decree: ``_attendance_intervals_batch`` adds those days here,
    with the attendances of ``konus_weekend_pattern`` (the weekday whose
    schedule a working weekend day follows). Everything built on it —
    ``_work_intervals_batch``, ``plan_hours``, ``plan_days``,
    ``get_work_hours_count``, ``get_work_duration_data``, the SLA — sees the
    same days.
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
    konus_working_weekends = fields.Json(
        compute="_compute_konus_working_weekends",
        store=True,
        string="Working weekend days (ordinals)",
        help="Dates (as ordinals) of the special days that may add working "
        "time: working weekend days and shortened days.",
    )

    def _compute_konus_special_day_count(self):
        counts = dict(
            self.env["konus.calendar.special.day"]._read_group(
                [("calendar_id", "in", self.ids)], ["calendar_id"], ["__count"]
            )
        )
        for calendar in self:
            calendar.konus_special_day_count = counts.get(calendar, 0)

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

    def write(self, vals):
        result = super().write(vals)
        # Attendances and leaves edited through the calendar trigger their
        # own recompute; the time zone moves every interval.
        if "tz" in vals:
            self._konus_recompute_sla_deadlines()
        return result

    def _konus_recompute_sla_deadlines(self):
        """Recompute, in one batch, the SLA deadlines of all open tickets
        counted in these calendars, after their working time changed
        (holidays, shortened days, working weekends, attendances)."""
        return self.env["helpdesk.ticket.sla"]._konus_recompute_open_deadlines(self)

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
            konus_special_day_sync=True
        )
        for calendar in self.filtered("konus_holiday_policy"):
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
        return summary

    @api.model
    def _cron_konus_sync_special_days(self):
        calendars = self.search([("konus_holiday_policy", "!=", False)])
        return calendars._konus_sync_special_days(self._konus_sync_years())

    def _konus_day_attendances(self, day):
        """The working attendances of ``day``: its own weekday's, or the
        weekend pattern's when the weekly pattern does not work that day."""
        self.ensure_one()
        attendances = self.attendance_ids.filtered(
            lambda a: not a.display_type and a.day_period != "lunch"
        )
        if self.two_weeks_calendar:
            week_type = str(self.env["resource.calendar.attendance"].get_week_type(day))
            attendances = attendances.filtered(lambda a: a.week_type == week_type)
        own = attendances.filtered(lambda a: int(a.dayofweek) == day.weekday())
        return own or attendances.filtered(
            lambda a: a.dayofweek == self.konus_weekend_pattern
        )

    @api.depends("konus_special_day_ids.date", "konus_special_day_ids.kind")
    def _compute_konus_working_weekends(self):
        for calendar in self:
            calendar.konus_working_weekends = sorted(
                day.date.toordinal()
                for day in calendar.konus_special_day_ids
                if day.kind in (pc.WORKING_WEEKEND, pc.SHORTENED)
            )

    # ------------------------------------------------------------ overrides

    def _works_on_date(self, date):
        if date.toordinal() in (self.konus_working_weekends or ()):
            return True
        return super()._works_on_date(date)

    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        if self.flexible_hours:
            return result
        ordinals = self.konus_working_weekends
        if not ordinals:
            return result
        # Local dates may differ from UTC ones by a day either side.
        first = start_dt.date().toordinal() - 1
        last = end_dt.date().toordinal() + 1
        ordinals = ordinals[
            bisect.bisect_left(ordinals, first) : bisect.bisect_right(ordinals, last)
        ]
        if not ordinals:
            return result
        dates = [date.fromordinal(o) for o in ordinals]
        return self._konus_add_working_weekends(
            result, dates, start_dt, end_dt, resources, domain, tz, lunch
        )

    def _konus_add_working_weekends(
        self, result, dates, start_dt, end_dt, resources, domain, tz, lunch
    ):
        attendances = self.env["resource.calendar.attendance"].search(
            Domain.AND(
                [
                    Domain(domain or Domain.TRUE),
                    Domain("calendar_id", "=", self.id),
                    Domain("display_type", "=", False),
                    Domain("day_period", "=" if lunch else "!=", "lunch"),
                ]
            )
        )
        two_weeks = self.two_weeks_calendar
        worked = {
            (a.dayofweek, a.week_type if two_weeks else False) for a in attendances
        }
        Attendance = self.env["resource.calendar.attendance"]
        base = []
        for day in dates:
            week_type = str(Attendance.get_week_type(day)) if two_weeks else False
            if (str(day.weekday()), week_type) in worked:
                continue  # the weekly pattern already works that day
            for attendance in attendances:
                if attendance.dayofweek != self.konus_weekend_pattern or (
                    two_weeks and attendance.week_type != week_type
                ):
                    continue
                base.append(
                    (
                        datetime.combine(day, float_to_time(attendance.hour_from)),
                        datetime.combine(day, float_to_time(attendance.hour_to)),
                        attendance,
                    )
                )
        if not base:
            return result
        resources_list = [self.env["resource.resource"]]
        if resources:
            resources_list = list(resources) + resources_list
        resource_calendars = (
            resources or self.env["resource.resource"]
        )._get_calendar_at(start_dt, tz)
        for resource in resources_list:
            if resource and (
                not resource_calendars.get(resource)
                or resource_calendars[resource].flexible_hours
            ):
                continue  # fully flexible: super returned the whole period
            res_tz = tz or timezone((resource or self).tz)
            start = start_dt.astimezone(res_tz)
            end = end_dt.astimezone(res_tz)
            extra = []
            for day_from, day_to, attendance in base:
                interval_start = max(start, res_tz.localize(day_from))
                interval_stop = min(end, res_tz.localize(day_to))
                if interval_start < interval_stop:
                    extra.append((interval_start, interval_stop, attendance))
            if extra:
                result[resource.id] = result[resource.id] | Intervals(
                    extra, keep_distinct=True
                )
        return result
