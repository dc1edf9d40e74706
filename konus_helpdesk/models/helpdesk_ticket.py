# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """A request for technical support (§1 «Обращение»), extended with what
    the regulation needs to process it: the contract or certificate it falls
    under (§2.2), the supported product, the kind of support asked for (§5.2),
    the incident class (§1), the steps to reproduce and the documentation
    consulted (§4.3, §4.4: ``konus.identification.mixin``) and a third party
    involved (§4.7).

    This file holds the entitlement: which contract the request falls under
    and what that contract grants (§2.2, §5.3, §4.7). The other concerns of
    the ticket live beside it: the §4.4 checklist and the §5.1 gate
    (``helpdesk_ticket_identification``), the mail gateway
    (``helpdesk_ticket_mail``) and the ticket's side of the SLA
    (``helpdesk_ticket_sla_clock``)."""

    _inherit = "helpdesk.ticket"

    # Years of requests in one database (issue 15): the engineers' list
    # (helpdesk_mgmt's order) and the portal's "my tickets" (newest first)
    # read their first page from an index instead of sorting every request.
    _list_order_idx = models.Index("(priority DESC, sequence, number DESC, id DESC)")
    _create_date_idx = models.Index("(create_date DESC)")

    # A customer's requests (portal, contacts' counters) among everyone's.
    partner_id = fields.Many2one(index=True)
    commercial_partner_id = fields.Many2one(index=True)

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
    third_party_partner_id = fields.Many2one(
        "res.partner",
        string="Third party",
        tracking=True,
        help="A third party involved to resolve the request (§4.7); only where "
        "the contract allows it.",
    )
    third_party_allowed = fields.Boolean(related="contract_id.third_party_allowed")

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_contract_id(self):
        proposed = self.env["konus.support.contract"]._konus_proposed_for(
            self.partner_id
        )
        for ticket in self:
            entity = ticket.partner_id.commercial_partner_id
            if ticket.contract_id and ticket.contract_id.partner_id == entity:
                continue
            proposal = proposed.get(entity) or self.env["konus.support.contract"]
            # Only a contract of the request's company can be proposed.
            if proposal.company_id and proposal.company_id != ticket.company_id:
                proposal = proposal.browse()
            ticket.contract_id = proposal

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    def _name_for_reader(self, record):
        """``record``'s name if the current user may read it: a message never
        names what its reader may not see (another company's contract,
        another customer's product)."""
        if record and record.has_access("read"):
            return record.sudo().display_name
        return self.env._("(hidden)")

    @api.constrains("contract_id", "partner_id")
    def _check_contract_customer(self):
        for ticket in self.filtered("contract_id"):
            contract = ticket.contract_id.sudo()
            if not ticket.contract_id.has_access("read") or (
                contract.company_id and contract.company_id != ticket.company_id
            ):
                # Checked before Odoo's company check, whose message would
                # name the contract.
                raise ValidationError(
                    self.env._(
                        "The chosen contract or certificate cannot be used for "
                        "this request: it is not one of this company's "
                        "contracts that you may see."
                    )
                )
            if contract.partner_id == ticket.commercial_partner_id:
                continue
            customer = ticket.commercial_partner_id.name or self.env._("none")
            if ticket.contract_id.partner_id.has_access("read"):
                message = self.env._(
                    "The contract %(contract)s belongs to %(owner)s, not to "
                    "the customer of this request (%(customer)s).",
                    contract=contract.name,
                    owner=contract.partner_id.name,
                    customer=customer,
                )
            else:
                message = self.env._(
                    "The contract %(contract)s belongs to another customer, "
                    "not to the customer of this request (%(customer)s).",
                    contract=contract.name,
                    customer=customer,
                )
            raise ValidationError(message)

    @api.constrains("contract_id")
    def _check_contract_valid(self):
        # Only when the contract is chosen: tickets keep the contract they were
        # filed under after it expires. Its name is read once
        # _check_contract_customer has let it through.
        for ticket in self.filtered("contract_id"):
            contract = ticket.contract_id.sudo()
            if contract.state == "active":
                continue
            name = self._name_for_reader(ticket.contract_id)
            if contract.state == "expired":
                message = self.env._(
                    "The contract %(contract)s expired on %(date)s: support is "
                    "provided only under a valid contract or certificate (§2.2).",
                    contract=name,
                    date=contract.date_end,
                )
            elif contract.state == "draft":
                message = self.env._(
                    "The contract %(contract)s is valid only from %(date)s.",
                    contract=name,
                    date=contract.date_start,
                )
            else:
                message = self.env._(
                    "The contract %(contract)s has been cancelled.",
                    contract=name,
                )
            raise ValidationError(message)

    @api.constrains("contract_id", "partner_id", "supported_product_id")
    def _check_supported_product(self):
        for ticket in self.filtered("supported_product_id"):
            product = ticket.supported_product_id.sudo()
            if not ticket.supported_product_id.has_access("read") or (
                product.company_id and product.company_id != ticket.company_id
            ):
                # Before Odoo's company check, whose message would name it.
                raise ValidationError(
                    self.env._(
                        "The chosen product cannot be used for this request: "
                        "it is not one of this company's products that you "
                        "may see."
                    )
                )
            name = product.name
            contract = ticket.contract_id.sudo()
            if contract and product not in contract.product_ids:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s is not covered by the contract "
                        "%(contract)s.",
                        product=name,
                        contract=self._name_for_reader(ticket.contract_id),
                    )
                )
            if product.partner_id == ticket.commercial_partner_id:
                continue
            if ticket.supported_product_id.partner_id.has_access("read"):
                message = self.env._(
                    "The product %(product)s belongs to %(owner)s, not to "
                    "the customer of this request.",
                    product=name,
                    owner=product.partner_id.name,
                )
            else:
                message = self.env._(
                    "The product %(product)s belongs to another customer, not "
                    "to the customer of this request.",
                    product=name,
                )
            raise ValidationError(message)

    @api.constrains("contract_id", "support_type_id")
    def _check_support_type(self):
        for ticket in self.filtered(lambda t: t.contract_id and t.support_type_id):
            contract = ticket.contract_id.sudo()
            if ticket.support_type_id not in contract.support_type_ids:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s does not grant "
                        "“%(support_type)s” (§5.3).",
                        contract=self._name_for_reader(ticket.contract_id),
                        support_type=ticket.support_type_id.sudo().name,
                    )
                )

    @api.constrains("contract_id", "third_party_partner_id")
    def _check_third_party(self):
        for ticket in self.filtered(
            lambda t: t.third_party_partner_id and t.contract_id
        ):
            if not ticket.contract_id.sudo().third_party_allowed:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s does not allow involving "
                        "third parties (§4.7).",
                        contract=self._name_for_reader(ticket.contract_id),
                    )
                )
