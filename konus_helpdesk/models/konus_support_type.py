# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KonusSupportType(models.Model):
    """A kind of technical support (§5.2 «Виды возможного оказания технической
    поддержки»): consultation by phone or e-mail, remote connection, on-site
    visit of a specialist, replacement of failed parts. A contract grants some
    of them (§5.3); a ticket asks for one."""

    _name = "konus.support.type"
    _description = "Kind of technical support"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical code used by rules and integrations "
        "(consultation, remote, onsite, replacement).",
    )
    description = fields.Text(
        translate=True, help="The wording of the regulation (§5.2)."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to offer this kind of support in every company.",
    )

    # A plain UNIQUE(code, company_id) lets any number of company-less
    # records share a code (NULLs differ in SQL): the shipped kinds have none.
    _code_company_unique = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "The code of a kind of support must be unique.",
    )
