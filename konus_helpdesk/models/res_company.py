# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """The support contacts a customer is given: the support line and e-mail
    (§4.1), the working hours (§3.1) and the head of support's address (§5.5).
    Mails give the team's alias as the support e-mail; the portal shows the
    e-mail set here."""

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
    konus_support_email = fields.Char(
        string="Support e-mail", help="E-mail address of the support service (§4.1)."
    )
    konus_support_hours = fields.Char(
        string="Support working hours",
        translate=True,
        help="Working hours of the support service (§3.1), in words, with the "
        "time zone.",
    )
