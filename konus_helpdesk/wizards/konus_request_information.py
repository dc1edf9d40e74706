# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KonusRequestInformation(models.TransientModel):
    """§4.5 «запросить недостающую информацию»: the engineer asks the
    customer for what the request lacks. The request then waits for the
    customer, its SLA paused, until the customer answers by mail or in the
    portal."""

    _name = "konus.request.information"
    _description = "Request missing information (§4.5)"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, readonly=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    body = fields.Html(
        string="What to ask",
        compute="_compute_body",
        store=True,
        readonly=False,
        help="Sent to the customer in the request's mail; pre-filled with the "
        "§4.4 items the request still lacks.",
    )

    @api.depends("ticket_id")
    def _compute_body(self):
        for wizard in self:
            ticket = wizard.ticket_id
            # In the customer's language: it is what they will read.
            wizard.body = ticket.with_context(
                lang=ticket.customer_lang or self.env.lang
            ).missing_info_html

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        ticket._konus_check_workable()
        ticket._konus_post_to_customer(
            "konus_helpdesk.mail_template_request_information",
            {"request_body": self.body},
        )
        ticket._konus_wait("information")
        return {"type": "ir.actions.act_window_close"}
