# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KonusProductDocument(models.Model):
    """Documentation of a supported product (§4.3): the user guide, the
    operating manual or another document the customer is expected to read
    before writing to the support service. A link or a file, kept by the
    engineers; the customer reads those of its own products in the portal."""

    _name = "konus.product.document"
    _description = "Supported product documentation"
    _order = "product_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [
            ("user_guide", "User guide"),
            ("operating_manual", "Operating manual"),
            ("other", "Other document"),
        ],
        required=True,
        default="user_guide",
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "konus.supported.product",
        string="Product",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    url = fields.Char(string="Link")
    file = fields.Binary(attachment=True)
    filename = fields.Char()
    company_id = fields.Many2one(
        related="product_id.company_id", store=True, index=True, precompute=True
    )

    @api.constrains("url", "file")
    def _check_url_or_file(self):
        for document in self:
            if bool(document.url) == bool(document.file):
                raise ValidationError(
                    self.env._(
                        "The document %(name)s needs either a link or a file.",
                        name=document.name,
                    )
                )
