# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_ticket_sla import DEFAULT_RISK_SHARE, RISK_SHARE_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    konus_sla_risk_share = fields.Float(
        string="SLA at risk from",
        config_parameter=RISK_SHARE_PARAM,
        default=DEFAULT_RISK_SHARE,
        help="Share of the SLA target (0–1) after which the assignee and the "
        "head of support are warned; 0.8 = 80 %.",
    )

    konus_support_phone = fields.Char(
        related="company_id.konus_support_phone", readonly=False
    )
    konus_support_head_email = fields.Char(
        related="company_id.konus_support_head_email", readonly=False
    )
    konus_support_email = fields.Char(
        related="company_id.konus_support_email", readonly=False
    )
    konus_support_hours = fields.Char(
        related="company_id.konus_support_hours", readonly=False
    )

    def set_values(self):
        before = self.env["helpdesk.ticket.sla"]._get_risk_share()
        result = super().set_values()
        if self.env["helpdesk.ticket.sla"]._get_risk_share() != before:
            self.env["helpdesk.ticket.sla"]._konus_recompute_open_deadlines()
        return result
