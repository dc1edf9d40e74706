# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import html2plaintext

from ..tools import identification

# The incident classes of §1 (defined in the mixin's field help); they select
# the SLA targets (§3.1).
INCIDENT_CLASSES = [
    ("critical", "Critical incident"),
    ("non_critical", "Non-critical incident"),
    ("consultation", "Consultation"),
]


class KonusIdentificationMixin(models.AbstractModel):
    """The identifying information of a request (§1 «Идентифицирующая
    информация», §4.4), wherever a request is being built: the ticket itself,
    the phone form an engineer fills in during a call.

    §4.4 asks for the contract or certificate, the organisation with the
    contact details of the person writing, the product or project concerned,
    the steps that lead to the problem, a screenshot where possible and a
    clearly worded question; §4.3 adds the documentation consulted. The
    *incident class* (§1) says whether there is anything to reproduce: a
    consultation has no steps.

    A request is *identified* when it carries every required item (only an
    identified request is processed, §5.1), *incomplete* when the customer is
    known but an item is missing, *unidentified* when neither the contract nor
    the organisation is known (§1, §4.2). The rule itself is
    :func:`..tools.identification.check`; this mixin gathers its facts.

    A model inheriting it provides ``partner_id``, ``contract_id``,
    ``supported_product_id`` and ``description`` (text or HTML).
    """

    _name = "konus.identification.mixin"
    _description = "Identifying information of a request (§4.4)"

    incident_class = fields.Selection(
        INCIDENT_CLASSES,
        default="non_critical",
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
    identification_state = fields.Selection(
        [
            ("identified", "Identified"),
            ("incomplete", "Incomplete"),
            ("unidentified", "Unidentified"),
        ],
        compute="_compute_identification",
        help="Identified: every item of §4.4 is given and the request may be "
        "processed (§5.1). Incomplete: the customer is known but an item is "
        "missing. Unidentified: neither the contract nor the organisation is "
        "known (§1, §4.2).",
    )
    # Not stored: the list is read in the reader's language (an engineer, or
    # the customer in the auto-reply), whoever last changed the request.
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

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    def _identification_depends(self):
        """The fields :meth:`_identification_facts` reads; extend it together
        with the hooks below."""
        return [
            "contract_id",
            "partner_id",
            "partner_id.commercial_partner_id",
            "partner_id.commercial_partner_id.is_company",
            "partner_id.is_company",
            "partner_id.email",
            "partner_id.phone",
            "supported_product_id",
            "steps_to_reproduce",
            "incident_class",
            "description",
        ]

    @api.depends(lambda self: self._identification_depends())
    def _compute_identification(self):
        for request in self:
            checklist = identification.check(**request._identification_facts())
            request.identification_state = checklist.state

    @api.depends(lambda self: self._identification_depends())
    def _compute_missing_info(self):
        for request in self:
            checklist = identification.check(**request._identification_facts())
            request.missing_info = request._format_missing_info(checklist)
            request.missing_info_html = request._format_missing_info_html(checklist)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _identification_facts(self, identifying_only=False):
        """What the request carries of the §4.4 items, as truth values for
        :func:`identification.check`; ``identifying_only`` spares reading the
        question and attachments when only the §1 items (contract,
        organisation) are wanted."""
        self.ensure_one()
        partner = self.partner_id
        entity = partner.commercial_partner_id
        person = partner if not partner.is_company else False
        contract = self.contract_id
        return {
            "contract": bool(contract),
            # An organisation and the person writing for it, reachable (§4.4).
            "organisation": bool(
                entity
                and person
                and (entity.is_company or contract)
                and (person.email or person.phone or self._identification_email())
            ),
            "product": bool(self.supported_product_id),
            "steps": bool((self.steps_to_reproduce or "").strip()),
            "steps_required": self.incident_class != "consultation",
            "question": not identifying_only
            and identification.is_clear_question(self._identification_question()),
            "screenshot": not identifying_only and self._identification_screenshot(),
        }

    def _identification_question(self):
        """Hook: the request's question as plain text."""
        description = self.description or ""
        if self._fields["description"].type == "html":
            return html2plaintext(description)
        return description

    def _identification_email(self):
        """Hook: an address the person writing gave besides their contact's
        (a mail's sender); none by default."""
        return False

    def _identification_screenshot(self):
        """Hook: whether the request carries a screenshot of the error; none
        by default (a call cannot bring one: it is asked for afterwards)."""
        return False

    def _is_user_identified(self):
        """§1: the user is identified by the contract or certificate and by
        the organisation with the person writing for it."""
        facts = self._identification_facts(identifying_only=True)
        return facts["contract"] and facts["organisation"]

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
