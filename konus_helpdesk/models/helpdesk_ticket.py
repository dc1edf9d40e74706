# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize, format_date, html2plaintext
from odoo.tools.mimetypes import guess_mimetype

from ..tools import identification, portal_uploads
from ..tools.mail_numbers import (
    extract_contract_numbers,
    extract_ticket_numbers,
    find_known_numbers,
    normalize_number,
)
from .helpdesk_ticket_sla import ULAN_UDE_TZ

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    """A request for technical support (§1 «Обращение»), extended with what
    the regulation needs to process it: the contract or certificate it falls
    under (§2.2), the supported product, the kind of support asked for (§5.2),
    the incident class (§1), the steps to reproduce and the documentation
    consulted (§4.3, §4.4), a third party involved (§4.7), and the §4.4
    checklist that decides whether the request may be processed (§5.1)."""

    _inherit = "helpdesk.ticket"

    contract_id = fields.Many2one(
        "konus.support.contract",
        string="Contract / certificate",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('partner_id', '=', commercial_partner_id)]",
        help="The support contract or certificate the request falls under "
        "(§2.2). Choosing the customer proposes its only active contract.",
    )
    contract_state = fields.Selection(related="contract_id.state")
    contract_product_ids = fields.Many2many(related="contract_id.product_ids")
    contract_support_type_ids = fields.Many2many(related="contract_id.support_type_ids")
    supported_product_id = fields.Many2one(
        "konus.supported.product",
        string="Supported product",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="contract_id and [('id', 'in', contract_product_ids)] "
        "or [('partner_id', '=', commercial_partner_id)]",
        help="The product or project the problem concerns (§4.4).",
    )
    support_type_id = fields.Many2one(
        "konus.support.type",
        string="Kind of support",
        tracking=True,
        domain="contract_id and [('id', 'in', contract_support_type_ids)] or []",
        help="The kind of support asked for (§5.2); it must be granted by the "
        "contract (§5.3).",
    )
    incident_class = fields.Selection(
        [
            ("critical", "Critical incident"),
            ("non_critical", "Non-critical incident"),
            ("consultation", "Consultation"),
        ],
        default="non_critical",
        tracking=True,
        help="Critical incident: makes the supported product inoperable or "
        "substantially degrades it, stopping the customer's key business "
        "processes (§1).\n"
        "Non-critical incident: any other incident, without substantial "
        "negative effect on the operability and functions of the product (§1).\n"
        "Consultation: a question that is no incident (§5.2).\n"
        "The class selects the SLA targets (§3.1).",
    )
    steps_to_reproduce = fields.Text(
        help="The sequence of actions that leads to the problem (§4.4)."
    )
    doc_reference = fields.Char(
        string="Documentation reference",
        help="The user guide or operating manual section the customer "
        "consulted before writing (§4.3).",
    )
    third_party_partner_id = fields.Many2one(
        "res.partner",
        string="Third party",
        tracking=True,
        help="A third party involved to resolve the request (§4.7); only where "
        "the contract allows it.",
    )
    third_party_allowed = fields.Boolean(related="contract_id.third_party_allowed")
    identification_state = fields.Selection(
        [
            ("identified", "Identified"),
            ("incomplete", "Incomplete"),
            ("unidentified", "Unidentified"),
        ],
        compute="_compute_identification",
        store=True,
        index=True,
        help="Identified: every item of §4.4 is given and the request may be "
        "processed (§5.1). Incomplete: the customer is known but an item is "
        "missing. Unidentified: neither the contract nor the organisation is "
        "known (§1, §4.2).",
    )
    # Not stored: the list is read in the reader's language (an engineer, or
    # the customer in the auto-reply), whoever last changed the ticket.
    missing_info = fields.Text(
        string="Missing information",
        compute="_compute_missing_info",
        help="The §4.4 items the request still lacks.",
    )
    # The same list for the customer's mail: a field, so that the template
    # stays a plain one (no code), which any template editor may change.
    missing_info_html = fields.Html(
        string="Missing information (list)",
        compute="_compute_missing_info",
        sanitize=False,
    )

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

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_contract_id(self):
        entities = self.commercial_partner_id
        active_by_entity = {}
        if entities:
            for entity, contracts in self.env["konus.support.contract"]._read_group(
                [("partner_id", "in", entities.ids), ("state", "=", "active")],
                ["partner_id"],
                ["id:recordset"],
            ):
                active_by_entity[entity] = contracts
        for ticket in self:
            entity = ticket.partner_id.commercial_partner_id
            if ticket.contract_id and ticket.contract_id.partner_id == entity:
                continue
            candidates = active_by_entity.get(entity)
            # Proposed only when there is no doubt which contract it is.
            ticket.contract_id = (
                candidates if candidates and len(candidates) == 1 else False
            )

    def _identification_depends(self):
        """The fields :meth:`_identification_facts` reads."""
        return [
            "contract_id",
            "partner_id",
            "partner_id.commercial_partner_id",
            "partner_id.is_company",
            "partner_id.email",
            "partner_id.phone",
            "partner_email",
            "supported_product_id",
            "steps_to_reproduce",
            "incident_class",
            "description",
            "attachment_ids",
            "attachment_ids.mimetype",
        ]

    @api.depends(lambda self: self._identification_depends())
    def _compute_identification(self):
        for ticket in self:
            checklist = identification.check(**ticket._identification_facts())
            ticket.identification_state = checklist.state

    @api.depends(lambda self: self._identification_depends())
    def _compute_missing_info(self):
        for ticket in self:
            checklist = identification.check(**ticket._identification_facts())
            ticket.missing_info = ticket._format_missing_info(checklist)
            ticket.missing_info_html = ticket._format_missing_info_html(checklist)

    def _identification_facts(self, identifying_only=False):
        """What the ticket carries of the §4.4 items, as truth values;
        ``identifying_only`` spares reading the question and attachments when
        only the §1 items (contract, organisation) are wanted."""
        self.ensure_one()
        return self._identification_facts_of(
            partner=self.partner_id,
            contract=self.contract_id,
            product=self.supported_product_id,
            steps=self.steps_to_reproduce,
            incident_class=self.incident_class,
            question="" if identifying_only else html2plaintext(self.description or ""),
            email=self.partner_email,
            screenshot=not identifying_only
            and any(
                (a.mimetype or "").startswith("image/") for a in self.attachment_ids
            ),
        )

    @api.model
    def _identification_facts_of(
        self,
        *,
        partner,
        contract,
        product,
        steps,
        incident_class,
        question,
        email=False,
        screenshot=False,
    ):
        """The §4.4 facts of a request, whatever records it is being built in
        (a ticket, the phone form), for :func:`identification.check`."""
        entity = partner.commercial_partner_id
        person = partner if not partner.is_company else False
        return {
            "contract": bool(contract),
            # An organisation and the person writing for it, reachable (§4.4).
            "organisation": bool(
                entity
                and person
                and (entity.is_company or contract)
                and (person.email or person.phone or email)
            ),
            "product": bool(product),
            "steps": bool((steps or "").strip()),
            "steps_required": incident_class != "consultation",
            "question": identification.is_clear_question(question),
            "screenshot": screenshot,
        }

    def _identification_labels(self):
        return {
            identification.CONTRACT: self.env._(
                "support contract or certificate number"
            ),
            identification.ORGANISATION: self.env._(
                "organisation name and contact details of the person writing"
            ),
            identification.PRODUCT: self.env._("product or project concerned"),
            identification.STEPS: self.env._("steps that lead to the problem"),
            identification.SCREENSHOT: self.env._(
                "screenshot of the error (if possible)"
            ),
            identification.QUESTION: self.env._("a clearly worded question"),
        }

    def _format_missing_info(self, checklist, with_suggestions=True):
        labels = self._identification_labels()
        items = checklist.missing
        if with_suggestions:
            items += checklist.suggested
        return "\n".join(f"- {labels[item]}" for item in items)

    @api.depends("partner_id.lang", "company_id.partner_id.lang")
    def _compute_customer_lang(self):
        for ticket in self:
            ticket.customer_lang = (
                ticket.partner_id.lang or ticket.company_id.partner_id.lang
            )

    def _format_missing_info_html(self, checklist):
        labels = self._identification_labels()
        items = checklist.missing + checklist.suggested
        if not items:
            return False
        return Markup("<ul>%s</ul>") % Markup().join(
            Markup("<li>%s</li>") % labels[item] for item in items
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
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("contract_id", "partner_id")
    def _check_contract_customer(self):
        for ticket in self.filtered("contract_id"):
            contract = ticket.contract_id
            if contract.partner_id != ticket.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s belongs to %(owner)s, not to "
                        "the customer of this request (%(customer)s).",
                        contract=contract.name,
                        owner=contract.partner_id.name,
                        customer=ticket.commercial_partner_id.name
                        or self.env._("none"),
                    )
                )

    @api.constrains("contract_id")
    def _check_contract_valid(self):
        # Only when the contract is chosen: tickets keep the contract they were
        # filed under after it expires.
        for ticket in self.filtered("contract_id"):
            contract = ticket.contract_id
            if contract.state == "active":
                continue
            if contract.state == "expired":
                message = self.env._(
                    "The contract %(contract)s expired on %(date)s: support is "
                    "provided only under a valid contract or certificate (§2.2).",
                    contract=contract.name,
                    date=contract.date_end,
                )
            elif contract.state == "draft":
                message = self.env._(
                    "The contract %(contract)s is valid only from %(date)s.",
                    contract=contract.name,
                    date=contract.date_start,
                )
            else:
                message = self.env._(
                    "The contract %(contract)s has been cancelled.",
                    contract=contract.name,
                )
            raise ValidationError(message)

    @api.constrains("contract_id", "partner_id", "supported_product_id")
    def _check_supported_product(self):
        for ticket in self.filtered("supported_product_id"):
            product = ticket.supported_product_id
            if ticket.contract_id and product not in ticket.contract_id.product_ids:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s is not covered by the contract "
                        "%(contract)s.",
                        product=product.name,
                        contract=ticket.contract_id.name,
                    )
                )
            if product.partner_id != ticket.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s belongs to %(owner)s, not to "
                        "the customer of this request.",
                        product=product.name,
                        owner=product.partner_id.name,
                    )
                )

    @api.constrains("contract_id", "support_type_id")
    def _check_support_type(self):
        for ticket in self.filtered(lambda t: t.contract_id and t.support_type_id):
            if ticket.support_type_id not in ticket.contract_id.support_type_ids:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s does not grant "
                        "“%(support_type)s” (§5.3).",
                        contract=ticket.contract_id.name,
                        support_type=ticket.support_type_id.name,
                    )
                )

    @api.constrains("contract_id", "third_party_partner_id")
    def _check_third_party(self):
        for ticket in self.filtered(
            lambda t: t.third_party_partner_id and t.contract_id
        ):
            if not ticket.contract_id.third_party_allowed:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s does not allow involving "
                        "third parties (§4.7).",
                        contract=ticket.contract_id.name,
                    )
                )

    @api.constrains("stage_id")
    def _check_identified_before_processing(self):
        """§5.1: only requests carrying the identifying information are
        processed, so an unidentified ticket stays in its team's first stage."""
        for ticket in self:
            if ticket.identification_state == "identified":
                continue
            if not ticket._is_identification_required_for(ticket.stage_id):
                continue
            raise ValidationError(
                self.env._(
                    "The request %(ticket)s cannot move to “%(stage)s” before it "
                    "is identified (§5.1). Missing:\n%(missing)s",
                    ticket=ticket.display_name,
                    stage=ticket.stage_id.name,
                    missing=ticket._format_missing_info(
                        identification.check(**ticket._identification_facts()),
                        with_suggestions=False,
                    ),
                )
            )

    def _is_identification_required_for(self, stage):
        """Whether entering ``stage`` means processing the request.

        The first stage of the team is where requests wait for identification;
        a customer may still withdraw their own request from the portal.
        """
        self.ensure_one()
        if not self.team_id.identification_required:
            return False
        if not stage or stage == self.team_id._get_applicable_stages()[:1]:
            return False
        return not (self.env.user.share and stage.close_from_portal)

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
        identified, notes = self._identification_from_mail(msg)
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
        result = super()._message_post_after_hook(message, msg_values)
        self._record_first_response(message)
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
        candidates = self.sudo().search(
            [("number", "in", numbers), ("closed", "=", False)]
        )
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
    def _identification_from_mail(self, msg):
        """The contract and the product a mail names, as ticket values, and
        notes for the engineer.

        A number is linked only when it is a contract of the sender's own
        organisation: any other number is noted as unrecognised, never linked
        and never said to whom it belongs."""
        text = "\n".join(
            (msg.get("subject") or "", html2plaintext(msg.get("body") or ""))
        )
        Contract = self.env["konus.support.contract"].sudo()
        author = self.env["res.partner"].browse(msg.get("author_id") or [])
        entity = author.commercial_partner_id
        own = Contract.search([("partner_id", "=", entity.id)]) if entity else Contract
        own_by_number = {normalize_number(c.name): c for c in own}
        given = extract_contract_numbers(text)
        unknown = [n for n in given if normalize_number(n) not in own_by_number]
        named = given or find_known_numbers(text, own.mapped("name"))
        matched = Contract.union(
            *(
                own_by_number[normalize_number(n)]
                for n in named
                if normalize_number(n) in own_by_number
            )
        )
        notes = []
        if unknown:
            notes.append(
                self.env._(
                    "The sender gave a contract or certificate number that is "
                    "not one of their organisation's: %(numbers)s.",
                    numbers=", ".join(unknown),
                )
            )
        active = matched.filtered(lambda c: c.state == "active")
        for contract in matched - active:
            notes.append(
                self.env._(
                    "The mail names the contract %(contract)s, which is not "
                    "valid (%(state)s).",
                    contract=contract.name,
                    state=dict(
                        contract._fields["state"]._description_selection(self.env)
                    )[contract.state],
                )
            )
        if len(active) > 1:
            notes.append(
                self.env._(
                    "The mail names several contracts (%(contracts)s): choose "
                    "the one this request falls under.",
                    contracts=", ".join(active.mapped("name")),
                )
            )
        # Without a number, the customer's only active contract is proposed
        # by _compute_contract_id, as for any other channel.
        contract = active if len(active) == 1 else Contract
        if not contract and entity:
            own_active = own.filtered(lambda c: c.state == "active")
            contract = own_active if len(own_active) == 1 else Contract
        values = {"contract_id": contract.id} if len(active) == 1 else {}
        product = self._guess_product_from_text(contract, text)
        if product:
            values["supported_product_id"] = product.id
        return values, notes

    @api.model
    def _guess_product_from_text(self, contract, text):
        """The product is guessed only without doubt: the contract covers
        exactly one, or the text names exactly one of those it covers."""
        products = contract.product_ids
        if len(products) <= 1:
            return products
        folded = (text or "").casefold()
        named = products.filtered(
            lambda p: (
                p.name.casefold() in folded
                or (p.serial_number and p.serial_number.casefold() in folded)
            )
        )
        return named if len(named) == 1 else products.browse()

    def _is_user_identified(self):
        """§1: the user is identified by the contract or certificate and by
        the organisation with the person writing for it."""
        facts = self._identification_facts(identifying_only=True)
        return facts["contract"] and facts["organisation"]

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
            return self.env["mail.mail"]
        # Rendered in each customer's language by the template itself.
        rendered = template._generate_template(tickets.ids, ("subject", "body_html"))
        # The address the gateway gave the customer's mail is the ticket's.
        reply_to = (
            {tickets.id: incoming.reply_to}
            if incoming and incoming.reply_to and len(tickets) == 1
            else tickets._notify_get_reply_to()
        )
        author = self.env.user.partner_id
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        headers = repr(
            {
                # RFC 3834: an automatic answer, never to be answered by
                # another robot (no mail loop with an auto-responder).
                "Auto-Submitted": "auto-replied",
                "X-Auto-Response-Suppress": "All",
            }
        )
        values_list = []
        for ticket in tickets:
            body = rendered[ticket.id]["body_html"]
            values_list.append(
                {
                    # The mail creates its message on the ticket (chatter).
                    "model": ticket._name,
                    "res_id": ticket.id,
                    "message_type": "auto_comment",
                    "subtype_id": subtype_id,
                    "author_id": author.id,
                    "email_from": reply_to[ticket.id] or author.email_formatted,
                    "reply_to": reply_to[ticket.id],
                    "subject": rendered[ticket.id]["subject"],
                    "body": body,
                    "body_html": body,
                    "parent_id": incoming.id if incoming else False,
                    "references": incoming.message_id if incoming else False,
                    "recipient_ids": [Command.link(p.id) for p in ticket.partner_id],
                    "email_to": False if ticket.partner_id else ticket.partner_email,
                    "headers": headers,
                    # Sent, then only the outgoing copy is dropped: the
                    # message stays on the ticket.
                    "is_notification": True,
                    "auto_delete": True,
                }
            )
        mails = self.env["mail.mail"].sudo().create(values_list)
        # Delivery status on the ticket's message, as for any notification.
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": author.id,
                    "mail_message_id": mail.mail_message_id.id,
                    "mail_mail_id": mail.id,
                    "res_partner_id": mail.recipient_ids.id,
                    "notification_type": "email",
                    "notification_status": "ready",
                    "is_read": True,
                }
                for mail in mails
                if mail.recipient_ids
            ]
        )
        tickets.identification_request_sent = True
        return mails

    # ==================================================================
    # SLA (§3.1, §4.5) — issue 5
    # ==================================================================

    sla_calendar_id = fields.Many2one(
        "resource.calendar",
        string="SLA calendar",
        compute="_compute_sla_calendar_id",
        store=True,
        help="The working time the SLA is counted in.",
    )
    first_response_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="First public reply of an engineer to the customer.",
    )
    sla_at_risk = fields.Boolean(
        string="SLA at risk",
        compute="_compute_sla_at_risk",
        search="_search_sla_at_risk",
    )
    sla_remaining_hours = fields.Float(
        string="SLA remaining working hours",
        compute="_compute_sla_remaining_hours",
        help="Working hours left before the nearest running SLA deadline.",
    )
    sla_deadline_ulan_ude = fields.Char(
        string="SLA deadline (Ulan-Ude)",
        compute="_compute_sla_deadline_ulan_ude",
    )

    def _sla_calendar_depends(self):
        """Fields ``_get_sla_calendar`` reads; extend it together with it."""
        return [
            "contract_id.calendar_id",
            "team_id.resource_calendar_id",
            "company_id.resource_calendar_id",
        ]

    @api.depends(lambda self: self._sla_calendar_depends())
    def _compute_sla_calendar_id(self):
        for ticket in self:
            ticket.sla_calendar_id = ticket._get_sla_calendar()

    def _get_sla_calendar(self):
        """Hook: the ticket's effective calendar for the SLA (§3.1: the
        regulation's hours unless the contract says otherwise)."""
        self.ensure_one()
        return (
            self.contract_id.calendar_id
            or self.team_id.resource_calendar_id
            or self.company_id.resource_calendar_id
        )

    def _get_sla_target_hours(self, sla):
        """Hook: the target in working hours of ``sla`` for this ticket (a
        contract may carry its own targets). Add the fields read here to
        ``helpdesk.ticket.sla._sla_hours_depends``."""
        self.ensure_one()
        incident_class = self.incident_class or sla.incident_class
        for target in self.contract_id.sla_target_ids:
            if (
                target.incident_class == incident_class
                and target.sla_type == sla.sla_type
            ):
                return target.working_hours
        return sla._get_target_hours()

    @api.depends("ticket_sla_ids.at_risk")
    def _compute_sla_at_risk(self):
        for ticket in self:
            ticket.sla_at_risk = any(ticket.ticket_sla_ids.mapped("at_risk"))

    def _search_sla_at_risk(self, operator, value):
        return [("ticket_sla_ids.at_risk", operator, value)]

    @api.depends("ticket_sla_ids.remaining_hours", "ticket_sla_ids.state")
    def _compute_sla_remaining_hours(self):
        for ticket in self:
            running = ticket.ticket_sla_ids.filtered(
                lambda r: r.state in ("in_progress", "on_hold")
            )
            ticket.sla_remaining_hours = min(
                running.mapped("remaining_hours"), default=0.0
            )

    @api.depends("sla_deadline")
    def _compute_sla_deadline_ulan_ude(self):
        tz = pytz.timezone(ULAN_UDE_TZ)
        for ticket in self:
            ticket.sla_deadline_ulan_ude = ticket.sla_deadline and pytz.utc.localize(
                ticket.sla_deadline
            ).astimezone(tz).strftime("%d.%m.%Y %H:%M")

    def _get_sla_ticket_domain(self):
        return super()._get_sla_ticket_domain() & self.env[
            "helpdesk.sla"
        ]._incident_class_domain(self.incident_class)

    def write(self, vals):
        # OCA recomputes each clock separately inside write; do it once,
        # in batch, after it.
        result = super(
            HelpdeskTicket, self.with_context(konus_sla_sync_later=True)
        ).write(vals)
        if "incident_class" in vals:
            self._konus_refresh_sla()
        if {"stage_id", "first_response_date", "incident_class"} & vals.keys():
            # The clock is driven by events, not by the user's rights.
            self.ticket_sla_ids.sudo()._konus_sync_state()
        return result

    def _konus_refresh_sla(self):
        """Re-select the SLAs after a reclassification. A new target of the
        same kind takes over the clock of the one it replaces: the working
        time already spent still counts."""
        ticket_slas = self.env["helpdesk.ticket.sla"].sudo()
        for ticket in self.filtered("team_id.use_sla"):
            slas = ticket._get_sla()
            obsolete = ticket.ticket_sla_ids.filtered(
                lambda r, s=slas: r.sla_id not in s
            )
            carried = {record.sla_type: record for record in obsolete}
            vals_list = []
            for sla in slas - ticket.ticket_sla_ids.sla_id:
                vals = {"ticket_id": ticket.id, "sla_id": sla.id}
                previous = carried.get(sla.sla_type)
                if previous:
                    vals.update(
                        # A breach is judged again against the new target.
                        state="in_progress"
                        if previous.state == "expired"
                        else previous.state,
                        running_since=previous.running_since,
                        consumed_time=previous.consumed_time,
                        done_date=previous.done_date,
                    )
                vals_list.append(vals)
            obsolete.sudo().unlink()
            ticket_slas.create(vals_list)

    def _record_first_response(self, message):
        """§3.1 first response: the first public reply of an engineer."""
        if (
            not self.first_response_date
            and message.message_type in ("comment", "email")
            and message.subtype_id
            and not message.subtype_id.internal
            and self._is_engineer_partner(message.author_id)
        ):
            self.sudo().write({"first_response_date": message.date})

    def _is_engineer_partner(self, partner):
        users = partner.sudo().user_ids
        return bool(
            users
            and partner != self.env.ref("base.partner_root")
            and not all(user.share for user in users)
        )

    # ------------------------------------------------------------------
    # Portal request form
    # ------------------------------------------------------------------
    # The /new/ticket form asks for the §4.4 items. Everything here runs in
    # the environment of the customer who posts the form: every id it sends
    # is resolved through that customer's own access rights before the
    # controller creates anything with sudo.

    # Longest subject and documentation reference accepted from the form.
    _KONUS_PORTAL_MAX_SUBJECT = 250
    _KONUS_PORTAL_MAX_DOC_REFERENCE = 500

    @api.model
    def _konus_portal_contracts(self):
        """Active contracts and certificates the current user may file requests
        under: those of their own organisation (§2.2) that either name no
        authorised contacts or name them."""
        user = self.env.user
        return self.env["konus.support.contract"].search(
            [
                ("partner_id", "=", user.partner_id.commercial_partner_id.id),
                ("state", "=", "active"),
                "|",
                ("contact_ids", "=", False),
                ("contact_ids", "in", user.partner_id.ids),
            ]
        )

    @api.model
    def _konus_portal_incident_classes(self):
        """(value, label, §1 definition) of each incident class, in the
        reader's language."""
        labels = dict(self._fields["incident_class"]._description_selection(self.env))
        definitions = {
            "critical": self.env._(
                "The product does not work or works so badly that your key "
                "business processes have stopped (§1)."
            ),
            "non_critical": self.env._(
                "Any other failure: the product works, without substantial "
                "harm to its operation and functions (§1)."
            ),
            "consultation": self.env._(
                "A question on setting up or using the product; nothing is "
                "broken (§5.2)."
            ),
        }
        return [(value, labels[value], definitions[value]) for value in definitions]

    @api.model
    def _konus_portal_records(self, values):
        """The contract, product and kind of support chosen in the form, each
        empty unless the current user may choose it: an active contract of
        their own (see :meth:`_konus_portal_contracts`), a product it covers,
        a kind of support it grants."""
        contract = self._konus_portal_contracts().filtered(
            lambda c: c.id == _form_id(values.get("contract_id"))
        )
        product = contract.product_ids.filtered(
            lambda p: p.id == _form_id(values.get("supported_product_id"))
        )
        support_type = contract.support_type_ids.filtered(
            lambda t: t.id == _form_id(values.get("support_type_id"))
        )
        return contract, product, support_type

    @api.model
    def _konus_portal_validate(self, values, files):
        """Check a posted request form; return ``{field: message}``, empty when
        the request may be created.

        :param dict values: the form as posted (strings)
        :param list files: ``(file name, content)`` of each uploaded file; the
            content may be cut just past the size limit
        """
        errors = {}
        upload_errors = self._konus_portal_upload_errors(files)
        if upload_errors:
            errors["attachment"] = "\n".join(upload_errors)
        if not self._konus_portal_is_customer():
            # Someone Konus holds no contract with is not refused at the door:
            # the request is registered unidentified and the engineer asks
            # for what is missing (§4.2, §4.5), as for a mail.
            if not _form_text(values.get("subject")):
                errors["subject"] = self.env._("Give your request a short subject.")
            return errors
        contract, product, support_type = self._konus_portal_records(values)
        if not values.get("contract_id"):
            errors["contract_id"] = self.env._(
                "Choose the contract or certificate your request falls under."
            )
        elif not contract:
            errors["contract_id"] = self._konus_portal_contract_error(
                values["contract_id"]
            )
        if not values.get("supported_product_id"):
            errors["supported_product_id"] = self.env._(
                "Choose the product or project the problem concerns."
            )
        elif contract and not product:
            errors["supported_product_id"] = self.env._(
                "This product is not covered by the chosen contract."
            )
        if not values.get("support_type_id"):
            errors["support_type_id"] = self.env._(
                "Choose the kind of support you need."
            )
        elif contract and not support_type:
            errors["support_type_id"] = self.env._(
                "The chosen contract does not grant this kind of support (§5.3)."
            )
        incident_class = values.get("incident_class")
        if incident_class not in dict(self._fields["incident_class"].selection):
            errors["incident_class"] = self.env._(
                "Say whether the product stopped working, works with a fault, "
                "or you have a question."
            )
        elif incident_class != "consultation" and not _form_text(
            values.get("steps_to_reproduce")
        ):
            errors["steps_to_reproduce"] = self.env._(
                "Describe the actions that lead to the problem (§4.4)."
            )
        subject = _form_text(values.get("subject"))
        if not subject:
            errors["subject"] = self.env._("Give your request a short subject.")
        elif len(subject) > self._KONUS_PORTAL_MAX_SUBJECT:
            errors["subject"] = self.env._(
                "The subject is too long (at most %(max)s characters).",
                max=self._KONUS_PORTAL_MAX_SUBJECT,
            )
        if not identification.is_clear_question(values.get("description")):
            errors["description"] = self.env._(
                "State your question clearly, in a few words at least (§4.4)."
            )
        doc_reference = _form_text(values.get("doc_reference"))
        if len(doc_reference) > self._KONUS_PORTAL_MAX_DOC_REFERENCE:
            errors["doc_reference"] = self.env._(
                "The documentation reference is too long (at most %(max)s characters).",
                max=self._KONUS_PORTAL_MAX_DOC_REFERENCE,
            )
        return errors

    @api.model
    def _konus_portal_is_customer(self):
        """Whether the user's organisation holds (or held) a support contract
        or certificate: then the form asks for everything §4.4 requires."""
        entity = self.env.user.partner_id.commercial_partner_id
        return bool(
            self.env["konus.support.contract"]
            .sudo()
            .search_count([("partner_id", "=", entity.id)], limit=1)
        )

    @api.model
    def _konus_portal_contract_error(self, contract_value):
        # Only the user's own contracts are described: a number of another
        # customer gets the same answer as a number that does not exist.
        own = self.env["konus.support.contract"].search(
            [
                ("id", "=", _form_id(contract_value)),
                (
                    "partner_id",
                    "=",
                    self.env.user.partner_id.commercial_partner_id.id,
                ),
            ]
        )
        if own.state == "expired":
            return self.env._(
                "The contract %(contract)s expired on %(date)s: support is "
                "provided only under a valid contract or certificate (§2.2). "
                "Contact Konus to renew it.",
                contract=own.name,
                date=format_date(self.env, own.date_end),
            )
        return self.env._("Choose one of your active contracts or certificates.")

    @api.model
    def _konus_portal_upload_errors(self, files):
        uploads = [
            portal_uploads.Upload(
                name, len(content), guess_mimetype(content, default="")
            )
            for name, content in files
        ]
        megabytes = 1024 * 1024
        messages = {
            portal_uploads.TYPE: lambda name: self.env._(
                "%(file)s: files of this type are not accepted. Attach images "
                "(PNG, JPEG, GIF, WebP, BMP), PDF, text or log files, ZIP or 7z "
                "archives, DOCX or XLSX documents.",
                file=name,
            ),
            portal_uploads.SIZE: lambda name: self.env._(
                "%(file)s is larger than %(max)s MB.",
                file=name,
                max=portal_uploads.MAX_FILE_SIZE // megabytes,
            ),
            portal_uploads.TOTAL: lambda name: self.env._(
                "The files together are larger than %(max)s MB.",
                max=portal_uploads.MAX_TOTAL_SIZE // megabytes,
            ),
            portal_uploads.COUNT: lambda name: self.env._(
                "Attach at most %(max)s files.", max=portal_uploads.MAX_FILES
            ),
        }
        return [
            messages[problem.code](problem.name)
            for problem in portal_uploads.check(uploads)
        ]

    @api.model
    def _konus_portal_ticket_values(self, values):
        """The §4.4 fields of a ticket created from a validated form."""
        if not self._konus_portal_is_customer():
            return {}
        contract, product, support_type = self._konus_portal_records(values)
        incident_class = values.get("incident_class")
        return {
            "company_id": contract.company_id.id,
            "contract_id": contract.id,
            "supported_product_id": product.id,
            "support_type_id": support_type.id,
            "incident_class": incident_class,
            "steps_to_reproduce": _form_text(values.get("steps_to_reproduce")) or False,
            "doc_reference": _form_text(values.get("doc_reference")) or False,
        }


def _form_id(value):
    """A record id posted in a form, or 0 when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _form_text(value):
    return (value or "").strip() if isinstance(value, str) else ""
