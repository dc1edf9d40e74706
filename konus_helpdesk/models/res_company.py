# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """The support contacts a customer is given (§4.1: the support line; §5.5:
    the head of support's address). The support e-mail is each team's alias."""

    _inherit = "res.company"

    konus_support_phone = fields.Char(
        string="Support phone line",
        help="The support service's phone numbers as customers are told them "
        "(§4.1), e.g. «8 (3012) 43-72-33, 8 (3012) 43-72-44, доб. 112». "
        "Empty: the company's phone.",
    )
    konus_support_head_email = fields.Char(
        string="Head of support's address",
        help="Where a customer writes to the head of the support service, "
        "e.g. to object to a request closed too early (§5.5). Empty: the "
        "company's e-mail.",
    )
