# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from ..tools import entitlement
from ..tools.cron_batch import commit_progress, lock_free

# §2.2: the head of support is warned this many days before a contract ends,
# so that it can be renewed before the customer loses support.
EXPIRY_WARNING_DAYS = 30


class KonusSupportContract(models.Model):
    """A technical support contract or certificate (§1 «договор» /
    «сертификат технической поддержки»): the only ground on which Konus
    serves a customer (§2.2). It names the customer organisation, the people
    allowed to file requests, its validity, the supported products it covers
    (§1) and the kinds of support it grants (§5.2, §5.3), whether third
    parties may be involved (§4.7) and the working calendar (§3.1)."""

    _name = "konus.support.contract"
    _description = "Technical support contract or certificate"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date_end desc, name, id"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        tracking=True,
        help="Number of the contract or of the certificate, as the customer "
        "quotes it in requests (§4.4).",
    )
    kind = fields.Selection(
        [("contract", "Contract"), ("certificate", "Certificate")],
        required=True,
        default="contract",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
        help="The customer organisation (commercial entity).",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "konus_support_contract_contact_rel",
        "contract_id",
        "partner_id",
        string="Authorised contacts",
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id)]",
        help="People of the customer allowed to file requests.",
    )
    date_start = fields.Date(
        string="Valid from",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(
        string="Valid until",
        tracking=True,
        help="Last day of validity; leave empty for an open-ended contract.",
    )
    cancelled = fields.Boolean(
        readonly=True, copy=False, tracking=True, help="Terminated before its end."
    )
    state = fields.Selection(
        [
            ("draft", "Not yet valid"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        help="Derived from the validity dates and the cancellation; a daily "
        "scheduled action keeps it true as days pass.",
    )
    product_ids = fields.Many2many(
        "konus.supported.product",
        "konus_support_contract_product_rel",
        "contract_id",
        "product_id",
        string="Covered products",
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    support_type_ids = fields.Many2many(
        "konus.support.type",
        string="Granted kinds of support",
        check_company=True,
        help="§5.2 kinds of support this contract grants (§5.3).",
    )
    third_party_allowed = fields.Boolean(
        string="Third parties allowed",
        default=True,
        tracking=True,
        help="§4.7: Konus may involve third parties to resolve requests unless "
        "the contract says otherwise.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working calendar",
        check_company=True,
        default=lambda self: self.env.ref(
            "konus_helpdesk.calendar_ulan_ude", raise_if_not_found=False
        ),
        help="Working time of the support service for this customer (§3.1).",
    )
    sla_target_ids = fields.One2many(
        "konus.support.contract.sla",
        "contract_id",
        string="SLA targets",
        copy=True,
        help="Targets agreed in this contract; they replace the regulation's "
        "targets of the same incident class and kind (§3.1).",
    )
    special_conditions = fields.Text(
        help="Conditions agreed with the customer that differ from the regulation."
    )
    expiry_warned = fields.Boolean(
        copy=False,
        help="The head of support has been warned of the coming expiry.",
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "contract_id")
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    product_count = fields.Integer(compute="_compute_product_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)",
        "A contract or certificate with this number already exists.",
    )

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("date_start", "date_end", "cancelled")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.state = contract._state_on(today)

    def _state_on(self, day):
        self.ensure_one()
        if self.cancelled:
            return "cancelled"
        if self.date_start and day < self.date_start:
            return "draft"
        if self.date_end and day > self.date_end:
            return "expired"
        return "active"

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.ticket_count = counts.get(contract, 0)

    @api.depends("product_ids")
    def _compute_product_count(self):
        for contract in self:
            contract.product_count = len(contract.product_ids)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s cannot end before it starts.",
                        name=contract.name,
                    )
                )

    @api.constrains("partner_id", "contact_ids", "product_ids")
    def _check_customer(self):
        for contract in self:
            entity = contract.partner_id.commercial_partner_id
            if contract.partner_id != entity:
                raise ValidationError(
                    self.env._(
                        "The customer of %(name)s must be the organisation "
                        "%(entity)s, not one of its contacts.",
                        name=contract.name,
                        entity=entity.name,
                    )
                )
            strangers = contract.contact_ids.filtered(
                lambda p, e=entity: p.commercial_partner_id != e
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not belong to %(customer)s and cannot be "
                        "an authorised contact of %(name)s.",
                        person=strangers[0].name,
                        customer=entity.name,
                        name=contract.name,
                    )
                )
            foreign = contract.product_ids.filtered(
                lambda p, e=entity: p.partner_id != e
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s of %(owner)s cannot be covered "
                        "by the contract %(name)s of another customer.",
                        product=foreign[0].name,
                        owner=foreign[0].partner_id.name,
                        name=contract.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        # A renewed contract gets a fresh warning before its new end.
        if "date_end" in vals and "expiry_warned" not in vals:
            vals = dict(vals, expiry_warned=False)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_cancel(self):
        self.cancelled = True

    def action_reopen(self):
        self.cancelled = False

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_view_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "konus_helpdesk.konus_supported_product_action"
        )
        action["domain"] = [("contract_ids", "in", self.ids)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_contract_ids": [self.id],
        }
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _konus_facts(self):
        """The contracts as :class:`..tools.entitlement.Contract` facts, with
        the products each covers."""
        return [
            entitlement.Contract(
                id=contract.id,
                number=contract.name,
                active=contract.state == "active",
                products=tuple(
                    entitlement.Product(
                        id=product.id,
                        name=product.name or "",
                        serial_number=product.serial_number or "",
                    )
                    for product in contract.product_ids
                ),
            )
            for contract in self
        ]

    @api.model
    def _konus_proposed_for(self, partners):
        """``{organisation: contract}``: the contract a request of each of
        ``partners`` falls under when it names none (§2.2) — its
        organisation's only active contract, else an empty recordset
        (:func:`..tools.entitlement.proposed_contract`)."""
        entities = partners.commercial_partner_id
        held = defaultdict(lambda: self.browse())
        if entities:
            for contract in self.search([("partner_id", "in", entities.ids)]):
                held[contract.partner_id] |= contract
        proposed = {}
        for entity in entities:
            fact = entitlement.proposed_contract(held[entity]._konus_facts())
            proposed[entity] = self.browse(fact.id if fact else [])
        return proposed

    def _konus_proposed_product(self, text=""):
        """The supported product a request under this contract concerns when
        there is no doubt (:func:`..tools.entitlement.guess_product`): the
        only one it covers, or the only one ``text`` names."""
        self.ensure_one()
        fact = entitlement.guess_product(text, self._konus_facts()[0].products)
        return self.env["konus.supported.product"].browse(fact.id if fact else [])

    def _expiry_warning_recipients(self):
        """Heads of support of the contracts' companies (§5.4 «руководитель»)."""
        return self.env["res.users"]._konus_support_heads(self.company_id)

    def _schedule_expiry_activities(self):
        heads = self._expiry_warning_recipients()
        for contract in self:
            for head in heads.filtered(
                lambda u, c=contract: c.company_id in u.company_ids
            ):
                # In the head's language, whoever runs the check (the cron).
                env = self.with_context(lang=head.lang).env
                contract.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=contract.date_end,
                    summary=env._(
                        "%(name)s expires on %(date)s",
                        name=contract.name,
                        date=format_date(env, contract.date_end),
                    ),
                    note=env._(
                        "Support for %(customer)s ends with this contract: "
                        "agree on its renewal (§2.2).",
                        customer=contract.partner_id.name,
                    ),
                    user_id=head.id,
                )
        self.expiry_warned = True

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------

    @api.model
    def _cron_update_state(self, batch_size=500):
        """Make the stored state follow the calendar, then warn the head of
        support of contracts ending within EXPIRY_WARNING_DAYS — once each.

        One batch of ``batch_size`` contracts per call, committed; the
        scheduler calls again while some are left. Both steps only touch
        what is still to do, so a repeated or cut-short run does nothing
        twice."""
        today = fields.Date.context_today(self)
        stale_domain = Domain("cancelled", "=", False) & (
            (Domain("state", "=", "draft") & Domain("date_start", "<=", today))
            | (Domain("state", "=", "active") & Domain("date_end", "<", today))
            | (
                Domain("state", "=", "expired")
                & (Domain("date_end", "=", False) | Domain("date_end", ">=", today))
            )
        )
        expiring_domain = Domain(
            [
                ("state", "=", "active"),
                ("expiry_warned", "=", False),
                ("date_end", "!=", False),
                ("date_end", "<=", today + timedelta(days=EXPIRY_WARNING_DAYS)),
            ]
        )
        stale = lock_free(self.search(stale_domain, order="id", limit=batch_size))
        # The day changed, which no field says: to the ORM, as if the dates
        # had.
        stale.modified(["date_start", "date_end"])
        stale.flush_recordset(["state"])
        expiring = self.browse()
        if len(stale) < batch_size:
            expiring = self.search(
                expiring_domain, order="id", limit=batch_size - len(stale)
            )
            expiring = lock_free(expiring).filtered_domain(expiring_domain)
        expiring._schedule_expiry_activities()
        commit_progress(
            self.env,
            len(stale) + len(expiring),
            self.search_count(stale_domain) + self.search_count(expiring_domain),
        )
