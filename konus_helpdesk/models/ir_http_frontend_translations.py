# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    """The portal's scripts (the request form's messages) speak the
    customer's language: their terms are among those the frontend loads
    (``/website/translations`` sends only the modules named here)."""

    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        return [*super()._get_translation_frontend_modules_name(), "konus_helpdesk"]
