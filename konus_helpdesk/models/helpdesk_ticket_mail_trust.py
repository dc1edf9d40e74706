# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.tools import email_normalize

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    """What the mail gateway trusts. Nothing in a mail is authenticated:
    anybody can write «From:» a customer, quote their request number or
    answer one of its messages, and put any address in «To:» and «Cc:».
    helpdesk_mgmt makes the people in copy followers, and a follower reads
    the request in the portal — contract, product, conversation, files.

    So a mail makes followers of the customer's own organisation only (the
    commercial entity of the request's customer), of the third party the
    engineer named on the request (§4.7), and of the support service's own
    users; nobody else, and nobody at all outside the service on a request
    of an unknown sender. An engineer who wants to involve someone else
    subscribes them from the request, deliberately — the chatter does not
    propose the strangers of a mail's «To:» and «Cc:» as recipients of his
    answer either (posting to them would subscribe them)."""

    _inherit = "helpdesk.ticket"

    @api.model
    def message_new(self, msg, custom_values=None):
        return super(
            HelpdeskTicket, self.with_context(konus_mail_gateway=True)
        ).message_new(msg, custom_values=custom_values)

    def message_update(self, msg, update_vals=None):
        return super(
            HelpdeskTicket, self.with_context(konus_mail_gateway=True)
        ).message_update(msg, update_vals=update_vals)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if self.env.context.get("konus_mail_gateway") and partner_ids:
            for ticket in self:
                trusted = ticket._mail_trusted_partners(partner_ids)
                refused = set(partner_ids) - set(trusted.ids)
                if refused:
                    _logger.info(
                        "Mail on request %s: %s not made followers (outside the "
                        "customer's organisation)",
                        ticket.number,
                        refused,
                    )
                super(HelpdeskTicket, ticket)._message_subscribe(
                    trusted.ids, subtype_ids=subtype_ids, customer_ids=customer_ids
                )
            return True
        return super()._message_subscribe(
            partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def _mail_trusted_partners(self, partner_ids):
        """Those of ``partner_ids`` a mail may make followers of this request:
        users of the support service, people of the customer's organisation
        and of the request's third party (§4.7)."""
        self.ensure_one()
        partners = self.env["res.partner"].sudo().browse(partner_ids).exists()
        ticket = self.sudo()
        entity = ticket.partner_id.commercial_partner_id
        third_party = ticket.third_party_partner_id
        return partners.filtered(
            lambda p: (
                not p.partner_share
                or (entity and p.commercial_partner_id == entity)
                or (third_party and p in third_party | third_party.child_ids)
            )
        )

    def _message_get_suggested_recipients_batch(
        self,
        reply_discussion=False,
        reply_message=None,
        no_create=True,
        primary_email=False,
        additional_partners=None,
    ):
        suggested = super()._message_get_suggested_recipients_batch(
            reply_discussion=reply_discussion,
            reply_message=reply_message,
            no_create=no_create,
            primary_email=primary_email,
            additional_partners=additional_partners,
        )
        # Customers the engineer has just chosen in the form are his decision.
        chosen = set(additional_partners.ids) if additional_partners else set()
        for ticket in self:
            recipients = suggested.get(ticket.id) or []
            partner_ids = [r["partner_id"] for r in recipients if r["partner_id"]]
            trusted = set(ticket._mail_trusted_partners(partner_ids).ids) | chosen
            # An address without a partner: only the request's own sender.
            own = {
                email_normalize(email)
                for email in (
                    ticket.sudo().partner_id.email,
                    ticket.partner_email,
                    primary_email,
                )
                if email
            }
            suggested[ticket.id] = [
                r
                for r in recipients
                if (
                    r["partner_id"] in trusted if r["partner_id"] else r["email"] in own
                )
            ]
        return suggested
