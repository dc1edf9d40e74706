# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    """A global leave may carry a special day of the calendar (a holiday, a
    transferred day off, Sagaalgan, or the hour a pre-holiday day loses):
    it follows the special day's edits and dies with it.

    A global leave (no resource) removes working time from its calendar — or
    from every calendar when it has none — so the SLA deadlines counted in it
    move."""

    _inherit = "resource.calendar.leaves"

    konus_special_day_id = fields.Many2one(
        "konus.calendar.special.day",
        string="Special day",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._konus_recompute_sla_deadlines(*leaves._konus_affected_calendars())
        return leaves

    def write(self, vals):
        # A leave can move between calendars: both the old and the new ones.
        calendars, everywhere = self._konus_affected_calendars()
        result = super().write(vals)
        new_calendars, new_everywhere = self._konus_affected_calendars()
        self._konus_recompute_sla_deadlines(
            calendars | new_calendars, everywhere or new_everywhere
        )
        return result

    def unlink(self):
        calendars, everywhere = self._konus_affected_calendars()
        result = super().unlink()
        self._konus_recompute_sla_deadlines(calendars, everywhere)
        return result

    def _konus_affected_calendars(self):
        """The calendars whose working time these leaves change, and whether
        one of them applies to every calendar."""
        global_leaves = self.filtered(lambda leave: not leave.resource_id)
        everywhere = any(not leave.calendar_id for leave in global_leaves)
        return global_leaves.calendar_id, everywhere

    @api.model
    def _konus_recompute_sla_deadlines(self, calendars, everywhere):
        if self.env.context.get("konus_sla_recompute_deferred"):
            # The caller (a special day) recomputes once when it is done.
            return
        if everywhere:
            self.env["helpdesk.ticket.sla"]._konus_recompute_open_deadlines()
        elif calendars:
            calendars._konus_recompute_sla_deadlines()
