# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KonusDeferralReason(models.Model):
    """A reason of the regulation to defer a request or to decline it (§4.6
    «СТП вправе отложить или не решить Обращение»): misuse of the
    documentation or of the licence terms, missing information, an
    incomprehensible request, obscene or offensive wording (also §5.4),
    a request outside the contract. The list is closed: the regulation names
    it. Each reason carries its clause, the wording the customer reads, and
    its effect — *defer* (the request waits until a date) or *decline* (it
    is closed unsolved, its SLA does not apply)."""

    _name = "konus.deferral.reason"
    _description = "Deferral or refusal reason (§4.6)"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("misuse", "Misuse of documentation or licence terms"),
            ("missing_info", "Missing information"),
            ("unclear", "Incomprehensible request"),
            ("abusive", "Obscene or offensive wording"),
            ("out_of_scope", "Outside the contract"),
        ],
        required=True,
        help="The case of §4.6 the reason stands for; the workflow recognises "
        "some of them (the abuse stop of §5.4, the closure of requests left "
        "without the information asked for, requests outside the contract).",
    )
    clause = fields.Char(
        required=True,
        help="The clause of the regulation, e.g. 4.6, told to the customer.",
    )
    customer_message = fields.Text(
        translate=True,
        required=True,
        help="What the customer reads in the mail telling them the reason.",
    )
    effect = fields.Selection(
        [("defer", "Defer"), ("decline", "Decline")],
        required=True,
        default="decline",
        help="Defer: the request waits until a date, its SLA paused. "
        "Decline: the request is closed unsolved; its SLA does not apply.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Empty: the reason applies to every company.",
    )
