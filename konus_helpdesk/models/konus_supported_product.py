# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KonusSupportedProduct(models.Model):
    """A supported product (§1 «Сопровождаемый продукт»): software,
    hardware-software complex, hardware or automated system of a customer under
    technical support. Which of them are supported is set by the customer's
    contracts and certificates (§1, §5.3)."""

    _name = "konus.supported.product"
    _description = "Supported product"
    _inherit = "mail.thread"
    _order = "partner_id, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("software", "Software"),
            ("hw_sw_complex", "Hardware-software complex"),
            ("hardware", "Hardware"),
            ("automated_system", "Automated system"),
        ],
        required=True,
        default="software",
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
        help="The customer organisation (commercial entity) running the product.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Catalogue product",
        check_company=True,
        help="The product of the catalogue this installation is, if any.",
    )
    version = fields.Char(tracking=True)
    serial_number = fields.Char(string="Serial number", tracking=True)
    note = fields.Text()
    contract_ids = fields.Many2many(
        "konus.support.contract",
        "konus_support_contract_product_rel",
        "product_id",
        "contract_id",
        string="Contracts",
        check_company=True,
        help="Contracts and certificates covering this product.",
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "supported_product_id")
    document_ids = fields.One2many(
        "konus.product.document",
        "product_id",
        string="Documentation",
        help="User guide, operating manual (§4.3), shown to the customer.",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("supported_product_id", "in", self.ids)],
                ["supported_product_id"],
                ["__count"],
            )
        )
        for product in self:
            product.ticket_count = counts.get(product, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("partner_id", "contract_ids")
    def _check_partner(self):
        for product in self:
            if product.partner_id != product.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The owner of the supported product %(product)s must be "
                        "the customer organisation %(entity)s, not one of its "
                        "contacts.",
                        product=product.name,
                        entity=product.partner_id.commercial_partner_id.name,
                    )
                )
            foreign = product.contract_ids.filtered(
                lambda c, p=product: c.partner_id != p.partner_id
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s of %(owner)s cannot be covered "
                        "by the contract %(contract)s of another customer.",
                        product=product.name,
                        owner=product.partner_id.name,
                        contract=foreign[0].name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("supported_product_id", "=", self.id)]
        action["context"] = {
            "default_supported_product_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
