# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_sla import SLA_TYPES
from .konus_identification_mixin import INCIDENT_CLASSES


class KonusSupportContractSla(models.Model):
    """An SLA target agreed in one contract (§3.1: the regulation's times
    apply «если иное не оговорено отдельным условием договора»).

    For the tickets of its contract and of its incident class it replaces the
    working hours of the team's SLA of the same kind (first response or
    resolution); the rest of that SLA (stages ignored while waiting for the
    customer, the stage to reach) still applies. Hours are working hours of the
    ticket's calendar, the contract's own when it has one.
    """

    _name = "konus.support.contract.sla"
    _description = "Contract SLA target"
    _order = "contract_id, incident_class, sla_type"
    _check_company_auto = True

    contract_id = fields.Many2one(
        "konus.support.contract",
        string="Contract",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    incident_class = fields.Selection(INCIDENT_CLASSES, required=True)
    sla_type = fields.Selection(
        SLA_TYPES,
        string="Target",
        required=True,
    )
    working_hours = fields.Float(
        string="Working hours",
        required=True,
        help="Target in working hours of the ticket's calendar.",
    )

    _contract_class_type_unique = models.Constraint(
        "unique(contract_id, incident_class, sla_type)",
        "A contract has one target per incident class and kind.",
    )

    @api.depends("contract_id", "incident_class", "sla_type", "working_hours")
    def _compute_display_name(self):
        classes = dict(self._fields["incident_class"]._description_selection(self.env))
        types = dict(self._fields["sla_type"]._description_selection(self.env))
        for target in self:
            target.display_name = self.env._(
                "%(contract)s: %(incident_class)s, %(sla_type)s",
                contract=target.contract_id.name or "",
                incident_class=classes.get(target.incident_class, ""),
                sla_type=types.get(target.sla_type, ""),
            )

    @api.constrains("working_hours")
    def _check_working_hours(self):
        if any(target.working_hours <= 0 for target in self):
            raise ValidationError(
                self.env._("A contract's SLA target must be positive working hours.")
            )
