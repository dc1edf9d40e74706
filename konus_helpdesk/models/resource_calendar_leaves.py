# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """A global leave (no resource) removes working time from its calendar —
    or from every calendar when it has none — so the SLA deadlines counted in
    it move. (The production calendar's days off are special days of the
    calendar, not leaves.)"""

    _inherit = "resource.calendar.leaves"

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
            # The caller recomputes once when it is done.
            return
        if everywhere:
            self.env["helpdesk.ticket.sla"]._konus_recompute_open_deadlines()
        elif calendars:
            calendars._konus_recompute_sla_deadlines()
