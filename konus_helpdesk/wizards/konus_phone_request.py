# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import plaintext2html

from ..tools.phone import dialled_forms, phone_digits


class KonusPhoneRequest(models.TransientModel):
    """A call to the support line (§4.1: «по телефону»), registered by the
    engineer while the customer speaks: the caller is found by phone number or
    name, the organisation and its active contracts follow, and the §4.4
    checklist (``konus.identification.mixin``) shows what still has to be
    asked."""

    _name = "konus.phone.request"
    _inherit = "konus.identification.mixin"
    _description = "Register a support call"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    caller = fields.Char(
        help="The caller's phone number (any format) or a part of the name.",
    )
    caller_match_ids = fields.Many2many(
        "res.partner",
        string="Callers found",
        compute="_compute_caller_match_ids",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Organisation"
    )
    contract_id = fields.Many2one(
        "konus.support.contract",
        string="Contract / certificate",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('partner_id', '=', commercial_partner_id), ('state', '=', 'active')]",
    )
    # Read as the engineer: another company's contract shows nothing.
    contract_product_ids = fields.Many2many(
        related="contract_id.product_ids", compute_sudo=False
    )
    contract_support_type_ids = fields.Many2many(
        related="contract_id.support_type_ids", compute_sudo=False
    )
    supported_product_id = fields.Many2one(
        "konus.supported.product",
        string="Supported product",
        compute="_compute_supported_product_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('id', 'in', contract_product_ids)]",
    )
    support_type_id = fields.Many2one(
        "konus.support.type",
        string="Kind of support",
        compute="_compute_support_type_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', contract_support_type_ids)]",
    )
    incident_class = fields.Selection(required=True)
    name = fields.Char(string="Subject")
    description = fields.Text(string="Question")
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Team",
        check_company=True,
        default=lambda self: self.env.ref(
            "konus_helpdesk.team_konus_support", raise_if_not_found=False
        ),
    )

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("caller")
    def _compute_caller_match_ids(self):
        for wizard in self:
            wizard.caller_match_ids = wizard._find_callers(wizard.caller)

    @api.depends("caller_match_ids")
    def _compute_partner_id(self):
        for wizard in self:
            matches = wizard.caller_match_ids
            if len(matches) == 1:
                wizard.partner_id = matches
            elif wizard.partner_id not in matches:
                wizard.partner_id = False

    @api.depends("partner_id", "company_id")
    def _compute_contract_id(self):
        proposed = self.env["konus.support.contract"]._konus_proposed_for(
            self.partner_id
        )
        for wizard in self:
            entity = wizard.partner_id.commercial_partner_id
            chosen = wizard.contract_id
            if (
                chosen.state != "active"
                or chosen.partner_id != entity
                or chosen.company_id not in (wizard.company_id, chosen.browse())
            ):
                proposal = proposed.get(entity) or chosen.browse()
                # Only a contract of the wizard's company can be proposed.
                if proposal.company_id and proposal.company_id != wizard.company_id:
                    proposal = proposal.browse()
                wizard.contract_id = proposal

    @api.depends("contract_id")
    def _compute_supported_product_id(self):
        for wizard in self:
            contract = wizard.contract_id
            if wizard.supported_product_id not in contract.product_ids:
                wizard.supported_product_id = (
                    contract._konus_proposed_product() if contract else False
                )

    @api.depends("contract_id")
    def _compute_support_type_id(self):
        for wizard in self:
            granted = wizard.contract_id.support_type_ids
            if wizard.support_type_id in granted:
                continue
            # A call is a consultation by phone (§5.2) unless said otherwise.
            consultation = granted.filtered(lambda t: t.code == "consultation")
            wizard.support_type_id = consultation[:1] or (
                granted if len(granted) == 1 else False
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("partner_id", "contract_id", "supported_product_id", "team_id")
    def _check_readable_choices(self):
        """Only what the engineer may see in this company: checked before
        Odoo's company check, whose message would name the record."""
        for wizard in self:
            for name in (
                "partner_id",
                "contract_id",
                "supported_product_id",
                "team_id",
            ):
                record = wizard[name]
                company = "company_id" in record and record.sudo().company_id
                if record and (
                    not record.has_access("read")
                    or (company and company != wizard.company_id)
                ):
                    raise ValidationError(
                        self.env._(
                            "%(field)s: choose one of this company's records "
                            "that you may see.",
                            field=self._fields[name]._description_string(self.env),
                        )
                    )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_register(self):
        """Create the request (channel Phone) and open it."""
        self.ensure_one()
        ticket = self.env["helpdesk.ticket"].create(self._prepare_ticket_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _find_callers(self, text):
        """Contacts whose phone is the number said, in whatever format it is
        stored (else, for a part of a number, whose phone contains it), or
        whose name contains the words said; people first, then
        organisations."""
        Partner = self.env["res.partner"]
        text = (text or "").strip()
        if not text:
            return Partner
        digits = phone_digits(text)
        if digits:
            # Every partner with the number: no limit, which could drop the
            # caller among partners with similar numbers.
            callers = Partner.search(
                [("phone_mobile_search", "in", dialled_forms(digits))]
            ) or Partner.search([("phone_mobile_search", "ilike", digits)])
            return callers.sorted(lambda p: p.is_company)
        domain = Domain.AND(
            [Domain("name", "ilike", word) for word in text.split()]
        ) & Domain("is_company", "=", False)
        return Partner.search(domain, limit=20)

    def _prepare_ticket_values(self):
        self.ensure_one()
        channel = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_phone", raise_if_not_found=False
        )
        subject = self.name or (self.description or "").strip().split("\n")[0][:80]
        return {
            "name": subject or self.env._("Phone call"),
            "description": plaintext2html(self.description or ""),
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "contract_id": self.contract_id.id,
            "supported_product_id": self.supported_product_id.id,
            "support_type_id": self.support_type_id.id,
            "incident_class": self.incident_class,
            "steps_to_reproduce": self.steps_to_reproduce,
            "doc_reference": self.doc_reference,
            "team_id": self.team_id.id,
            "channel_id": channel.id,
        }
