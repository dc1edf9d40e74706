# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailThread(models.AbstractModel):
    """Opening a chatter with a token or a signed link, as the portal does
    for readers who have no access of their own."""

    _inherit = "mail.thread"

    @api.model
    def _get_thread_with_access(self, thread_id, *, token=None, hash=None, **kwargs):
        # portal compares ``token`` with the record's own token field, which
        # a model may lack and a record not yet shared leaves empty (False),
        # and ``hash`` with a signature: anything but text crashed the
        # comparison. No such token or signature opens the thread.
        if not isinstance(token, str) or not self._konus_has_post_token(thread_id):
            token = None
        if not isinstance(hash, str):
            hash = None
        return super()._get_thread_with_access(
            thread_id, token=token, hash=hash, **kwargs
        )

    @api.model
    def _konus_has_post_token(self, thread_id):
        field = self._mail_post_token_field
        if field not in self._fields:
            return False
        thread = self.browse(thread_id).sudo().exists()
        return bool(thread and thread[field])
