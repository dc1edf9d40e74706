# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class KonusServiceActWizard(models.TransientModel):
    """Print the service act («отчёт об оказанных услугах») of one or several
    contracts for a period: one PDF, one section per contract (each starts
    on its own page), so a month's acts are printed and archived at once."""

    _name = "konus.service.act.wizard"
    _description = "Print service acts"

    contract_ids = fields.Many2many(
        "konus.support.contract",
        string="Contracts and certificates",
        required=True,
        default=lambda self: self._default_contracts(),
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=31),
    )

    @api.model
    def _default_contracts(self):
        if self.env.context.get("active_model") == "konus.support.contract":
            return self.env.context.get("active_ids", [])
        return []

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        return self.env.ref("konus_helpdesk.action_report_service_act").report_action(
            self.contract_ids,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
