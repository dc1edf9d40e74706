# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class KonusTicketDeferral(models.TransientModel):
    """§4.6 «решение вопроса может быть отложено или вопрос может быть не
    решён»: the engineer defers the request until a date or declines it,
    for one of the regulation's reasons; the customer is told the reason and
    its clause. Declining for abusive wording stops service at once and
    tells the head of support (§5.4).

    What the customer reads is kept apart from what stays in the support
    service: the reason's wording for the customer and the engineer's
    optional ``note`` go into the mail; the optional ``internal_note`` is
    logged in the chatter as an internal note, never mailed to the customer
    nor shown in the portal."""

    _name = "konus.ticket.deferral"
    _description = "Defer or decline a request (§4.6)"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, readonly=True)
    company_id = fields.Many2one(related="ticket_id.company_id")
    reason_id = fields.Many2one(
        "konus.deferral.reason",
        string="Reason",
        required=True,
        compute="_compute_reason_id",
        store=True,
        readonly=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    reason_code = fields.Selection(related="reason_id.code")
    effect = fields.Selection(related="reason_id.effect")
    entitlement_fails = fields.Boolean(compute="_compute_entitlement_fails")
    date_until = fields.Date(
        string="Deferred until",
        help="The request comes back to work on this day; the engineer gets "
        "an activity for it.",
    )
    customer_message = fields.Text(
        related="reason_id.customer_message",
        string="The customer reads",
        help="The reason's wording for the customer, in the mail (in the "
        "customer's language).",
    )
    note = fields.Text(
        string="Additional text to the customer",
        help="Optional: added to the mail after the reason's wording; the "
        "customer reads it.",
    )
    internal_note = fields.Text(
        string="Internal note",
        help="Optional: logged in the request's chatter as an internal note "
        "for the support service; never sent to the customer nor shown in "
        "the portal.",
    )
    message_id = fields.Many2one(
        "mail.message",
        string="Offending message",
        compute="_compute_message_id",
        store=True,
        readonly=False,
        domain="[('model', '=', 'helpdesk.ticket'), ('res_id', '=', ticket_id), "
        "('message_type', 'in', ('email', 'comment'))]",
        help="The customer's message the service is stopped for (§5.4).",
    )

    @api.depends("ticket_id")
    def _compute_entitlement_fails(self):
        for wizard in self:
            wizard.entitlement_fails = bool(
                wizard.ticket_id and wizard.ticket_id._konus_entitlement_fails()
            )

    @api.depends("ticket_id")
    def _compute_reason_id(self):
        for wizard in self:
            if wizard.ticket_id and wizard.ticket_id._konus_entitlement_fails():
                # §5.3: outside what the contract grants.
                wizard.reason_id = self.env["konus.deferral.reason"].search(
                    [
                        ("code", "=", "out_of_scope"),
                        ("company_id", "in", (False, wizard.ticket_id.company_id.id)),
                    ],
                    limit=1,
                )
            else:
                wizard.reason_id = False

    @api.depends("ticket_id")
    def _compute_message_id(self):
        for wizard in self:
            ticket = wizard.ticket_id
            wizard.message_id = ticket.message_ids.filtered(
                lambda m, t=ticket: (
                    m.message_type in ("email", "comment") and t._is_customer_answer(m)
                )
            )[:1]

    def action_apply(self):
        self.ensure_one()
        ticket, reason = self.ticket_id, self.reason_id
        ticket.check_access("write")
        ticket._konus_check_workable()
        if reason.effect == "defer":
            today = fields.Date.context_today(self)
            if not self.date_until or self.date_until <= today:
                raise UserError(
                    self.env._(
                        "Choose the day the deferred request comes back to work."
                    )
                )
            ticket.write({"deferral_reason_id": reason.id, "customer_note": False})
            ticket._konus_wait("deferral", until=self.date_until)
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.date_until,
                summary=self.env._("Deferred request comes back to work"),
                note=self.env._(
                    "Deferred for: %(reason)s (§%(clause)s).",
                    reason=reason.name,
                    clause=reason.clause,
                ),
                user_id=(ticket.user_id or self.env.user).id,
            )
            ticket._konus_post_to_customer(
                "konus_helpdesk.mail_template_deferral", {"note": self.note or ""}
            )
            self._log_internal_note()
            return {"type": "ir.actions.act_window_close"}
        if reason.code == "abusive":
            if self.message_id and (
                self.message_id.model != ticket._name
                or self.message_id.res_id != ticket.id
            ):
                raise UserError(
                    self.env._("The offending message must be one of this request.")
                )
            ticket.abuse_message_id = self.message_id
        ticket.customer_note = self.note or False
        ticket._konus_decline(reason)
        # The one mail the customer gets on this closure (not the team's
        # closing mail besides it): the reason, its clause, how to object.
        ticket._konus_send_closing_mail(declined_for_reason=True)
        self._log_internal_note()
        if reason.code == "abusive":
            ticket._konus_notify_abuse()
        return {"type": "ir.actions.act_window_close"}

    def _log_internal_note(self):
        """The engineer's internal note, for the support service only."""
        if self.internal_note:
            self.ticket_id.message_post(
                body=plaintext2html(self.internal_note),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
