# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import BadRequest, NotFound

from odoo import http

from odoo.addons.mail.controllers.im_status import ImStatusController
from odoo.addons.mail.controllers.thread import ThreadController

# What mail's set_manual_im_status accepts.
IM_STATUSES = ("online", "away", "busy", "offline")


class KonusThreadController(ThreadController):
    """mail's chatter routes that a portal user may call, answering "not
    found" for a document they may not read instead of failing on it (the
    parameters themselves are checked by ``ir.http``)."""

    @http.route()
    def mail_thread_recipients(self, thread_model, thread_id, message_id=None):
        if not self._get_thread_with_access(thread_model, thread_id, mode="read"):
            raise NotFound()
        return super().mail_thread_recipients(
            thread_model, thread_id, message_id=message_id
        )

    @http.route()
    def mail_thread_recipients_get_suggested_recipients(
        self, thread_model, thread_id, partner_ids=None, main_email=False
    ):
        if not self._get_thread_with_access(thread_model, thread_id):
            raise NotFound()
        return super().mail_thread_recipients_get_suggested_recipients(
            thread_model, thread_id, partner_ids=partner_ids, main_email=main_email
        )


class KonusImStatusController(ImStatusController):
    @http.route()
    def set_manual_im_status(self, status):
        # mail raises a ValueError (a server error) for any other status.
        if status not in IM_STATUSES:
            raise BadRequest()
        return super().set_manual_im_status(status)
