# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.tools.date_utils import float_to_time

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

    Days off and the shortened hour become global ``resource.calendar.leaves``
    of the calendar, linked to the special day; working weekend days are added
    by ``resource.calendar._attendance_intervals_batch``. So every working-time
    computation (plan_hours, get_work_hours_count, the SLA) sees them.

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
    leave_ids = fields.One2many(
        "resource.calendar.leaves", "konus_special_day_id", string="Time Off"
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

    @api.depends("date", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for day in self:
            day.display_name = f"{day.date or ''} {kinds.get(day.kind, '')}".strip()

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days._sync_leaves()
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
            self._sync_leaves()
            (calendars - self.calendar_id)._konus_recompute_sla_deadlines()
        return res

    def unlink(self):
        calendars = self.calendar_id
        self.sudo().leave_ids.with_context(konus_sla_recompute_deferred=True).unlink()
        res = super().unlink()
        calendars._konus_recompute_sla_deadlines()
        return res

    # ------------------------------------------------------------ business

    def _sync_leaves(self):
        """Rebuild the global leaves that carry these days into resource:
        the whole local day for a day off, the day's last hour for a
        shortened day."""
        leaves = self.env["resource.calendar.leaves"].sudo()
        leaves = leaves.with_context(konus_sla_recompute_deferred=True)
        self.sudo().leave_ids.with_env(leaves.env).unlink()
        vals_list = []
        for day in self:
            span = day._leave_span()
            if span:
                vals_list.append(
                    {
                        "name": day.display_name,
                        "calendar_id": day.calendar_id.id,
                        "company_id": day.calendar_id.company_id.id,
                        "date_from": span[0],
                        "date_to": span[1],
                        "time_type": "leave",
                        "konus_special_day_id": day.id,
                    }
                )
        leaves.create(vals_list)
        # Days off, shortened hours and working weekends changed together:
        # the open SLA deadlines on these calendars move once, in a batch.
        self.calendar_id._konus_recompute_sla_deadlines()

    def _leave_span(self):
        """(date_from, date_to) in naive UTC of the leave for this day, or
        None when the day needs no leave (a working weekend day)."""
        self.ensure_one()
        calendar = self.calendar_id
        tz = timezone(calendar.tz or "UTC")
        if self.kind in pc.NON_WORKING_KINDS:
            start = tz.localize(datetime.combine(self.date, time.min))
            stop = tz.localize(
                datetime.combine(self.date + timedelta(days=1), time.min)
            )
        elif self.kind == pc.SHORTENED:
            attendances = calendar._konus_day_attendances(self.date)
            if not attendances:
                return None
            end = max(attendances.mapped("hour_to"))
            stop = tz.localize(datetime.combine(self.date, float_to_time(end)))
            start = stop - timedelta(hours=1)
        else:
            return None
        return (
            start.astimezone(utc).replace(tzinfo=None),
            stop.astimezone(utc).replace(tzinfo=None),
        )
