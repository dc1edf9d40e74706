# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """The support service's contacts a customer reads in the portal: the
    channels of §4.1, the working hours of §3.1 and the head of support's
    address for a premature closure (§5.5)."""

    _inherit = "res.company"

    konus_support_phone = fields.Char(
        string="Support phone",
        help="Telephone numbers of the support service (§4.1), as customers "
        "should dial them.",
    )
    konus_support_email = fields.Char(
        string="Support e-mail", help="E-mail address of the support service (§4.1)."
    )
    konus_support_hours = fields.Char(
        string="Support working hours",
        translate=True,
        help="Working hours of the support service (§3.1), in words, with the "
        "time zone.",
    )
    konus_head_email = fields.Char(
        string="Head of support e-mail",
        help="Where the customer writes when a request was closed unresolved (§5.5).",
    )
