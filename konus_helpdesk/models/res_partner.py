# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    """A customer (§1 «Пользователь»): the organisation holds the contracts
    and the supported products; its people file the requests."""

    _inherit = "res.partner"

    konus_contract_count = fields.Integer(
        string="Support contracts", compute="_compute_konus_counts"
    )
    konus_supported_product_count = fields.Integer(
        string="Supported products", compute="_compute_konus_counts"
    )

    @api.depends("commercial_partner_id")
    def _compute_konus_counts(self):
        entities = self.commercial_partner_id
        contracts = dict(
            self.env["konus.support.contract"]._read_group(
                [("partner_id", "in", entities.ids)], ["partner_id"], ["__count"]
            )
        )
        products = dict(
            self.env["konus.supported.product"]._read_group(
                [("partner_id", "in", entities.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            entity = partner.commercial_partner_id
            partner.konus_contract_count = contracts.get(entity, 0)
            partner.konus_supported_product_count = products.get(entity, 0)

    def action_view_konus_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "konus_helpdesk.konus_support_contract_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_view_konus_supported_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "konus_helpdesk.konus_supported_product_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
