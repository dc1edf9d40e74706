# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from pytz import timezone

from odoo import api, fields, models

from ..tools import production_calendar as pc
from .resource_calendar import WEEKDAYS


class KonusCalendarSpecialDay(models.Model):
    """A special day of a working-time calendar (§3.1: support works «по рабочим
    дням в соответствии с производственным календарем РФ», Ulan-Ude time).

    One record per calendar and date. Its ``kind`` says how the date differs
    from the calendar's weekly pattern: a federal non-working holiday
    (Labour Code art. 112), a day off transferred by a government decree,
    Buryatia's regional non-working day (Sagaalgan, fixed by a decree of the
    Head of the Republic), a weekend day made working by decree, or a
    pre-holiday day one hour shorter (art. 95; on a weekend date: a working
    weekend day that is also shortened).

    The calendar applies its special days when working time is asked for
    (``resource.calendar._attendance_intervals_batch``), in its current time
    zone and attendances: nothing derived from them is stored, so no edit of
    the calendar can leave them covering the wrong hours, and every
    working-time computation (plan_hours, get_work_hours_count, the SLA) sees
    them.

    ``source`` is ``synced`` for what the production-calendar sync wrote and
    ``manual`` for what the head of support entered or corrected: the sync
    never touches a manual record nor its date. ``confirmed`` is False for a
    prediction not yet backed by a decree (Sagaalgan from the lunar calendar,
    years beyond what the ``holidays`` package knows).
    """

    _name = "konus.calendar.special.day"
    _description = "Calendar special day"
    _order = "date desc, id"
    _rec_name = "date"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="calendar_id.company_id", store=True, index=True
    )
    date = fields.Date(required=True)
    year = fields.Integer(compute="_compute_year", store=True)
    dayofweek = fields.Selection(
        WEEKDAYS,
        string="Day of Week",
        compute="_compute_year",
        store=True,
    )
    kind = fields.Selection(
        [
            (pc.HOLIDAY, "Federal non-working holiday"),
            (pc.TRANSFER, "Transferred day off"),
            (pc.REGIONAL, "Regional non-working day"),
            (pc.WORKING_WEEKEND, "Working weekend day"),
            (pc.SHORTENED, "Shortened pre-holiday day"),
        ],
        required=True,
        default=pc.HOLIDAY,
    )
    source = fields.Selection(
        [("synced", "Synced"), ("manual", "Manual")],
        required=True,
        default="manual",
        help="Synced days are rewritten by the production-calendar sync; "
        "manual days are never touched by it.",
    )
    confirmed = fields.Boolean(
        default=True,
        help="Unset for a prediction not yet confirmed by a decree "
        "(Sagaalgan from the lunar calendar, years the holidays package "
        "does not know yet).",
    )
    note = fields.Char(help="Decree, reason.")
    is_day_off = fields.Boolean(compute="_compute_is_day_off", store=True)
    work_hours = fields.Float(
        string="Working hours",
        compute="_compute_work_hours",
        help="The working time of this date in the calendar, as the SLA and "
        "every other computation count it.",
    )

    _calendar_date_unique = models.Constraint(
        "unique(calendar_id, date)",
        "A calendar has one special day per date.",
    )

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            day.year = day.date.year if day.date else 0
            day.dayofweek = str(day.date.weekday()) if day.date else False

    @api.depends("kind")
    def _compute_is_day_off(self):
        for day in self:
            day.is_day_off = day.kind in pc.NON_WORKING_KINDS

    @api.depends("date", "kind", "calendar_id")
    def _compute_work_hours(self):
        for day in self:
            calendar = day.calendar_id
            if not (calendar and day.date):
                day.work_hours = 0.0
                continue
            tz = timezone(calendar.tz or "UTC")
            day.work_hours = calendar.get_work_hours_count(
                tz.localize(datetime.combine(day.date, time.min)),
                tz.localize(datetime.combine(day.date + timedelta(days=1), time.min)),
            )

    @api.depends("date", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for day in self:
            day.display_name = f"{day.date or ''} {kinds.get(day.kind, '')}".strip()

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days.calendar_id._konus_recompute_sla_deadlines()
        return days

    def write(self, vals):
        calendars = self.calendar_id
        if (
            not self.env.context.get("konus_special_day_sync")
            and "source" not in vals
            and {"date", "kind", "note", "confirmed", "calendar_id"} & set(vals)
        ):
            # A hand edit is a decision the next sync must respect.
            vals = dict(vals, source="manual")
        res = super().write(vals)
        if {"date", "kind", "calendar_id"} & set(vals):
            (calendars | self.calendar_id)._konus_recompute_sla_deadlines()
        return res

    def unlink(self):
        calendars = self.calendar_id
        res = super().unlink()
        calendars._konus_recompute_sla_deadlines()
        return res
