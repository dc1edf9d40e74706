# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

from ..tools import identification


class HelpdeskTicket(models.Model):
    """The identifying information of a request (§1 «Идентифицирующая
    информация», §4.4): the contract or certificate, the organisation and the
    person writing for it, the product, the steps to reproduce, a clear
    question and, where possible, a screenshot. A request is *identified*
    when it carries every required item, and only an identified request is
    processed (§5.1): it stays in its team's first stage until then."""

    _inherit = "helpdesk.ticket"

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

    def _format_missing_info_html(self, checklist):
        labels = self._identification_labels()
        items = checklist.missing + checklist.suggested
        if not items:
            return False
        return Markup("<ul>%s</ul>") % Markup().join(
            Markup("<li>%s</li>") % labels[item] for item in items
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
        Asking the customer for information (the waiting stage, §4.5) and
        declining the request (a stage closed unsolved, §4.2, §4.6) are no
        processing either.
        """
        self.ensure_one()
        if not self.team_id.identification_required:
            return False
        if not stage or stage == self.team_id._get_applicable_stages()[:1]:
            return False
        if (stage.closed and stage.declined) or (
            stage == self.team_id._get_waiting_stage()
        ):
            return False
        return not (self.env.user.share and stage.close_from_portal)

    def _is_user_identified(self):
        """§1: the user is identified by the contract or certificate and by
        the organisation with the person writing for it."""
        facts = self._identification_facts(identifying_only=True)
        return facts["contract"] and facts["organisation"]
