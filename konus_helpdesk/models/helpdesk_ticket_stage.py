# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

DECLINED_STAGES_PARAM = "konus_helpdesk.declined_stages_marked"


class HelpdeskTicketStage(models.Model):
    """A stage of the requests. A *declining* stage is a closing stage where
    the request ends unsolved — rejected by the support service (§4.2, §4.6)
    or withdrawn by the customer: its SLA does not apply (neither met nor
    breached), and an unidentified request may reach it (§5.1 keeps such a
    request out of processing only)."""

    _inherit = "helpdesk.ticket.stage"

    declined = fields.Boolean(
        string="Closed unsolved",
        help="A closing stage where the request is declined or cancelled, not "
        "solved: its SLA clocks end as not applicable, counted apart from met "
        "and breached.",
    )

    @api.model
    def _konus_mark_declined_stages(self):
        """Mark helpdesk_mgmt's Rejected and Cancelled as closed unsolved,
        once: a later choice of the head of support is kept."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(DECLINED_STAGES_PARAM):
            return
        for xmlid in (
            "helpdesk_mgmt.helpdesk_ticket_stage_rejected",
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
        ):
            stage = self.env.ref(xmlid, raise_if_not_found=False)
            if stage:
                stage.declined = True
        params.set_param(DECLINED_STAGES_PARAM, "1")
