# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..tools.mail_headers import is_automatic_mail


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Tell the documents created from this mail whether a robot wrote it:
        the parsed dict loses the headers, and the support desk must never
        answer an auto-responder (§4.1 e-mail channel, no mail loop)."""
        return super(
            MailThread,
            self.with_context(konus_auto_submitted=is_automatic_mail(message)),
        )._message_route_process(message, message_dict, routes)
