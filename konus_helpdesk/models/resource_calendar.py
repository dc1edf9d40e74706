# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

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
