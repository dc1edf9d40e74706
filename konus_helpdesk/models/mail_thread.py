# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models

from ..tools.mail_charset import repair_charsets
from ..tools.mail_headers import is_automatic_mail

_logger = logging.getLogger(__name__)


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

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        """A new request from a mail quoting one of the sender's open
        requests continues that request instead (see
        ``helpdesk.ticket._route_to_quoted_request``)."""
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        return self.env["helpdesk.ticket"]._route_to_quoted_request(
            message_dict, routes
        )

    @api.model
    def message_parse(self, message, save_original=False):
        """A mail in a charset Python does not know would stop the parser
        and be lost: its text parts are read in the guessed charset."""
        for declared, guessed in repair_charsets(message):
            _logger.info(
                "Mail %s: text declared as %r read as %s",
                message.get("Message-Id"),
                declared,
                guessed,
            )
        msg_dict = super().message_parse(message, save_original=save_original)
        return _without_nul(msg_dict)


def _without_nul(msg_dict):
    """The parsed mail without NUL characters: a subject, an address or a
    file name may carry one (an encoded word, RFC 2231), and PostgreSQL
    refuses it in any text — the mail would be lost."""
    for key, value in msg_dict.items():
        if isinstance(value, str) and "\x00" in value:
            msg_dict[key] = value.replace("\x00", "")
    if not msg_dict.get("attachments"):
        return msg_dict
    msg_dict["attachments"] = [
        attachment._replace(fname=attachment.fname.replace("\x00", ""))
        if isinstance(attachment.fname, str)
        else attachment
        for attachment in msg_dict["attachments"]
    ]
    return msg_dict
