# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import ClassVar

from odoo import fields, models


class HelpdeskTicketSla(models.Model):
    """A clock whose request was declined or cancelled (§4.6) ends *not
    applicable*: the service was not due, so it is neither met nor breached
    and is counted apart from both."""

    _inherit = "helpdesk.ticket.sla"

    state = fields.Selection(
        selection_add=[("cancelled", "Not applicable (declined)")],
        ondelete={"cancelled": "set default"},
    )


class HelpdeskSlaReport(models.Model):
    _inherit = "helpdesk.sla.report"
    _depends: ClassVar[dict[str, list[str]]] = {
        "helpdesk.ticket.sla": ["state", "deadline", "ticket_id"],
        "helpdesk.ticket": ["name", "team_id", "active"],
    }

    state = fields.Selection(
        selection_add=[("cancelled", "Not applicable (declined)")],
        ondelete={"cancelled": "cascade"},
    )

    def _select_sla(self):
        # OCA's report counts every clock not running as met or breached.
        return """
            hts.id as id,
            hts.ticket_id as ticket_id,
            ht.name as name,
            ht.create_date as date,
            ht.team_id as team_id,
            ht.active as active,
            CASE
                WHEN hts.state = 'cancelled' THEN 'cancelled'
                WHEN hts.state = 'accomplished' THEN 'accomplished'
                WHEN hts.state = 'expired' OR
                    (hts.state = 'in_progress' and hts.deadline < NOW())
                    THEN 'expired'
                ELSE 'on_going'
            END as state
            """
