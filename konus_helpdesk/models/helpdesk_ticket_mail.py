# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import email_normalize, html2plaintext

from ..tools import mail_identification
from ..tools.mail_numbers import extract_ticket_numbers

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    """A request by e-mail (§4.1 «по электронной почте»): every mail to the
    support alias becomes a request, identified as far as the mail allows
    (the sender's own contract numbers only), a reply quoting an open
    request's number continues it, and a customer whose request lacks the
    identifying information is told once, automatically, what §4.4
    requires (§4.2, §4.5)."""

    _inherit = "helpdesk.ticket"

    customer_lang = fields.Char(
        string="Customer language",
        compute="_compute_customer_lang",
        help="The language the customer is written to in: theirs, or the "
        "company's when the sender is unknown.",
    )
    identification_request_sent = fields.Boolean(
        string="Identification requested",
        copy=False,
        readonly=True,
        help="The customer was sent, once, the list of what §4.4 requires and "
        "what this request still lacks.",
    )

    @api.depends("partner_id.lang", "company_id.partner_id.lang")
    def _compute_customer_lang(self):
        for ticket in self:
            ticket.customer_lang = (
                ticket.partner_id.lang or ticket.company_id.partner_id.lang
            )

    def mail_allowed_qweb_expressions(self):
        # Plain fields the identification request shows: its template needs
        # no code, so it renders fast and stays editable by anyone allowed
        # to edit mail templates.
        return super().mail_allowed_qweb_expressions() + (
            "object.number",
            "object.missing_info_html",
            "object.customer_lang",
        )

    # ------------------------------------------------------------------
    # Mail gateway (§4.1: requests by e-mail)
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg, custom_values=None):
        """Every mail becomes a request (nothing is lost), identified as far
        as the mail allows; the customer is told once what §4.4 requires."""
        values = dict(custom_values or {})
        # Nobody is assigned by the mail itself: helpdesk_mgmt's auto-assign
        # would give the request to the gateway's robot user.
        values.setdefault("user_id", False)
        if not values.get("channel_id"):
            values["channel_id"] = self.env["ir.model.data"]._xmlid_to_res_id(
                "helpdesk_mgmt.helpdesk_ticket_channel_email"
            )
        identified, notes = self._identification_from_mail(
            msg, company=self._konus_mail_company(values)
        )
        try:
            # One create with what the mail identifies; should the links be
            # refused after all, the mail still becomes a request without them.
            with self.env.cr.savepoint():
                ticket = super().message_new(
                    msg, custom_values={**values, **identified}
                )
        except (UserError, ValidationError) as error:
            _logger.info("Mail identification refused: %s", error)
            notes.append(str(error))
            ticket = super().message_new(msg, custom_values=values)
        # The gateway posts the customer's mail on the returned record right
        # after: the notes and the auto-reply follow it, in that order
        # (see _message_post_after_hook).
        return ticket.with_context(
            konus_mail_notes=tuple(notes),
            konus_identification_request=not self.env.context.get(
                "konus_auto_submitted"
            ),
        )

    def _message_post_after_hook(self, message, msg_values):
        # Runs after the SLA's hook (helpdesk_ticket_sla_clock, loaded
        # first): the first response is recorded before the follow-up.
        result = super()._message_post_after_hook(message, msg_values)
        self._follow_up_new_mail(message)
        return result

    def _follow_up_new_mail(self, message):
        """After the mail that created the ticket: the engineer's notes on
        what the mail identified, then the auto-reply to the customer. Its
        replies are posted without the context message_new sets."""
        context = self.env.context
        if message.message_type != "email" or not (
            context.get("konus_mail_notes")
            or context.get("konus_identification_request")
        ):
            return
        ticket = self.with_context(
            konus_mail_notes=False, konus_identification_request=False
        )
        if context.get("konus_mail_notes"):
            # The notes quote the mail: escaped, one per line.
            ticket._message_log(body=Markup("<br/>").join(context["konus_mail_notes"]))
        if context.get("konus_identification_request"):
            ticket._send_identification_request(incoming=message)

    @api.model
    def _route_to_quoted_request(self, message_dict, routes):
        """A mail that would open a new request but quotes in its subject the
        number of an open request of the same sender («Re: Обращение
        HT00042», the References header lost by the mail program or a
        forwarder) is added to that request.

        Only the sender's own requests: those of their organisation, or for
        an unknown sender those written from the same address. Any other
        number changes nothing and is not revealed; a closed request is not
        reopened this way (§5.5: a new request is registered)."""
        new = [
            route
            for route in routes
            if route[0] == self._name and not route[1] and len(route) == 5
        ]
        numbers = new and extract_ticket_numbers(message_dict.get("subject"))
        if not numbers:
            return routes
        author = self.env["res.partner"].browse(message_dict.get("author_id") or [])
        email = email_normalize(message_dict.get("email_from") or "")
        # A company's address continues that company's requests only.
        company = self._konus_mail_company(new[0][2] or {})
        domain = Domain([("number", "in", numbers), ("closed", "=", False)])
        if company:
            domain &= Domain("company_id", "=", company.id)
        candidates = self.sudo().search(domain)
        quoted = candidates.filtered(lambda t: t._is_from_customer(author, email))[:1]
        if not quoted:
            return routes
        _logger.info(
            "Mail %s quotes request %s of its sender: added to it",
            message_dict.get("message_id"),
            quoted.number,
        )
        rerouted = []
        for route in routes:
            if route in new:
                model, _thread_id, custom_values, user_id, alias = route
                route = (model, quoted.id, custom_values, user_id, alias)
            rerouted.append(route)
        return rerouted

    def _is_from_customer(self, author, email):
        """Whether a mail by ``author`` (a partner, or none when the address
        is unknown) from ``email`` (normalised) comes from this request's
        customer: their organisation, or for an unknown sender the address
        the request was written from."""
        self.ensure_one()
        if author:
            entity = author.commercial_partner_id
            return entity == self.partner_id.commercial_partner_id
        return bool(email) and email in (
            self.partner_id.email_normalized,
            email_normalize(self.partner_email or ""),
        )

    @api.model
    def _konus_mail_company(self, values):
        """The company a request created with ``values`` belongs to: its
        team's (a company's own support address), else the given one."""
        team = self.env["helpdesk.ticket.team"].browse(values.get("team_id") or [])
        company_id = team.sudo().company_id.id or values.get("company_id")
        return self.env["res.company"].browse(company_id or [])

    @api.model
    def _identification_from_mail(self, msg, company=None):
        """The contract and the product a mail names, as ticket values, and
        notes for the engineer (the decision is
        :func:`..tools.mail_identification.identify`).

        A number is linked only when it is a contract of the sender's own
        organisation: any other number is noted as unrecognised, never linked
        and never said to whom it belongs; so is a contract of another
        ``company`` than the request's."""
        text = "\n".join(
            (msg.get("subject") or "", html2plaintext(msg.get("body") or ""))
        )
        Contract = self.env["konus.support.contract"].sudo()
        author = self.env["res.partner"].browse(msg.get("author_id") or [])
        entity = author.commercial_partner_id
        domain = Domain("partner_id", "=", entity.id)
        if company:
            domain &= Domain("company_id", "=", company.id)
        own = Contract.search(domain) if entity else Contract
        found = mail_identification.identify(text, own._konus_facts())
        notes = []
        if found.unknown_numbers:
            notes.append(
                self.env._(
                    "The sender gave a contract or certificate number that is "
                    "not one of their organisation's: %(numbers)s.",
                    numbers=", ".join(found.unknown_numbers),
                )
            )
        states = dict(Contract._fields["state"]._description_selection(self.env))
        for contract in Contract.browse([c.id for c in found.invalid]):
            notes.append(
                self.env._(
                    "The mail names the contract %(contract)s, which is not "
                    "valid (%(state)s).",
                    contract=contract.name,
                    state=states[contract.state],
                )
            )
        if found.several:
            notes.append(
                self.env._(
                    "The mail names several contracts (%(contracts)s): choose "
                    "the one this request falls under.",
                    contracts=", ".join(c.number for c in found.several),
                )
            )
        # Without a number, the customer's only active contract is proposed
        # by _compute_contract_id, as for any other channel.
        values = {"contract_id": found.contract.id} if found.contract else {}
        if found.product:
            values["supported_product_id"] = found.product.id
        return values, notes

    def _send_identification_request(self, incoming=None):
        """§4.2, §4.5: when a request lacks the information identifying the
        user (§1: the contract or certificate, the person and organisation),
        ask the customer once for it and for whatever else §4.4 requires.
        The product and the steps alone are asked by the engineer, who reads
        the mail first: the customer often wrote them in their own words.

        The answer is an automatic response in the sense of RFC 3834: it goes
        to the sender alone (never to the followers or to the people in copy
        of the request), says it is automatic, and is kept on the ticket.
        ``incoming`` is the customer's mail it answers, if any."""
        tickets = self.filtered(
            lambda t: (
                not t.identification_request_sent
                # An address that can receive it.
                and (t.partner_id.email_normalized or email_normalize(t.partner_email))
                # A colleague who mailed the alias knows the regulation.
                and not t._is_engineer_partner(t.partner_id)
                and not t._is_user_identified()
            )
        )
        template = tickets and self.env.ref(
            "konus_helpdesk.mail_template_identification_request",
            raise_if_not_found=False,
        )
        if not template:
            return self.env["mail.message"]
        # Rendered in each customer's language by the template itself.
        rendered = template._generate_template(tickets.ids, ("subject", "body_html"))
        # The address the gateway gave the customer's mail is the ticket's.
        reply_to = (
            {tickets.id: incoming.reply_to}
            if incoming and incoming.reply_to and len(tickets) == 1
            else tickets._notify_get_reply_to()
        )
        author = self.env.user.partner_id
        messages = self.env["mail.message"]
        for ticket in tickets:
            # As mail.thread answers out of office: one recipient, no
            # follower, an answer RFC 3834 marks automatic so that no other
            # robot answers it (no mail loop with an auto-responder).
            messages += ticket.message_post(
                body=rendered[ticket.id]["body_html"],
                subject=rendered[ticket.id]["subject"],
                author_id=author.id,
                email_from=reply_to[ticket.id] or author.email_formatted,
                reply_to=reply_to[ticket.id],
                parent_id=incoming.id if incoming else False,
                partner_ids=ticket.partner_id.ids,
                outgoing_email_to=False if ticket.partner_id else ticket.partner_email,
                mail_headers={
                    "Auto-Submitted": "auto-replied",
                    "X-Auto-Response-Suppress": "All",
                },
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
                notify_skip_followers=True,
                # Sent, then only the outgoing copy is dropped: the message
                # stays on the ticket.
                mail_auto_delete=True,
            )
        tickets.identification_request_sent = True
        return messages
