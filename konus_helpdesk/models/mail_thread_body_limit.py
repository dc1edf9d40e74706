# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models

from ..tools.mail_body_limit import body_beyond_parser

_logger = logging.getLogger(__name__)

ORIGINAL_NAME = "original_email.eml"


class MailThread(models.AbstractModel):
    """A mail whose text goes beyond what Odoo's HTML parser keeps loses its
    tail without a trace (see ``tools.mail_body_limit``). Such a mail keeps
    its whole original with the record, as Odoo's own «keep original»
    option does, and the record says that the text shown is shortened."""

    _inherit = "mail.thread"

    @api.model
    def message_parse(self, message, save_original=False):
        msg_dict = super().message_parse(message, save_original=save_original)
        if body_beyond_parser(message):
            _logger.info(
                "Mail %s: body beyond the HTML parser's limits, original kept",
                msg_dict.get("message_id"),
            )
            msg_dict["konus_body_shortened"] = True
            original = not save_original and self._original_source(message)
            if original:
                msg_dict.setdefault("attachments", []).insert(
                    0, self._Attachment(ORIGINAL_NAME, original, {})
                )
        return msg_dict

    @api.model
    def _original_source(self, message):
        """The mail as received, as Odoo's «keep original» stores it; the
        mail itself is never lost for want of its copy."""
        try:
            return message.as_string()
        except (UnicodeError, LookupError, ValueError):
            try:
                return message.as_bytes()
            except (UnicodeError, LookupError, ValueError):
                _logger.warning(
                    "Mail %s: its original could not be kept",
                    message.get("Message-Id"),
                )
                return False

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        # Not a value of the message: told to the documents by the context.
        shortened = message_dict.pop("konus_body_shortened", False)
        return super(
            MailThread, self.with_context(konus_body_shortened=shortened)
        )._message_route_process(message, message_dict, routes)

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if self.env.context.get("konus_body_shortened") and (
            message.message_type == "email"
        ):
            self._note_shortened_body(message)
        return result

    def _note_shortened_body(self, message):
        original = message.attachment_ids.filtered(lambda a: a.name == ORIGINAL_NAME)
        if original:
            body = self.env._(
                "This mail is longer than what the mail gateway can show: its "
                "text here is shortened. The whole original mail is attached "
                "to it as %(file)s.",
                file=ORIGINAL_NAME,
            )
        else:
            body = self.env._(
                "This mail is longer than what the mail gateway can show: its "
                "text here is shortened."
            )
        self.with_context(konus_body_shortened=False)._message_log(body=body)
