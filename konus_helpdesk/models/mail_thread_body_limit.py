# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import xmlrpc.client

from odoo import api, models

from ..tools.mail_body_limit import (
    body_beyond_parser,
    body_unreadable,
    wrap_unparsable,
)

_logger = logging.getLogger(__name__)

ORIGINAL_NAME = "original_email.eml"


class MailThread(models.AbstractModel):
    """A mail whose text goes beyond what Odoo's HTML parser keeps loses its
    tail without a trace (see ``tools.mail_body_limit``). Such a mail keeps
    its whole original with the record, as Odoo's own «keep original»
    option does, and the record says that the text shown is shortened. So
    does a mail whose text cannot be read whole: a broken transfer encoding,
    bytes that are no text in the charset they are read in."""

    _inherit = "mail.thread"

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """A mail nested deeper than Python's parser can descend stops it
        (RecursionError) before anything is read: the mail would be lost,
        and fetched again and again. It is processed instead as a short mail
        with its headers, a note, and the whole original attached."""
        kwargs = {
            "custom_values": custom_values,
            "save_original": save_original,
            "strip_attachments": strip_attachments,
            "thread_id": thread_id,
        }
        try:
            with self.env.cr.savepoint():
                return super().message_process(model, message, **kwargs)
        except RecursionError:
            _logger.warning("Mail nested too deeply to be parsed: original kept")
        if isinstance(message, xmlrpc.client.Binary):
            message = bytes(message.data)
        if isinstance(message, str):
            message = message.encode()
        note = self.env._(
            "This mail is nested too deeply to be read here. The whole "
            "original mail is attached to it as %(file)s.",
            file=ORIGINAL_NAME,
        )
        wrapped = wrap_unparsable(message, note, ORIGINAL_NAME)
        return super().message_process(model, wrapped, **kwargs)

    @api.model
    def message_parse(self, message, save_original=False):
        msg_dict = super().message_parse(message, save_original=save_original)
        kind = (
            "shortened"
            if body_beyond_parser(message)
            else "unreadable"
            if body_unreadable(message)
            else False
        )
        if kind:
            _logger.info(
                "Mail %s: body %s, original kept", msg_dict.get("message_id"), kind
            )
            msg_dict["konus_body_shortened"] = kind
            original = not save_original and self._original_source(message)
            if original:
                msg_dict.setdefault("attachments", []).insert(
                    0, self._Attachment(ORIGINAL_NAME, original, {})
                )
        return msg_dict

    @api.model
    def _original_source(self, message):
        """The mail as received; the mail itself is never lost for want of
        its copy. Its bytes, not Odoo's «keep original» text: a text
        re-encodes 8-bit parts in their declared charset, and the bytes of
        a part whose charset is wrong would be lost."""
        try:
            return message.as_bytes()
        except (UnicodeError, LookupError, ValueError):
            try:
                return message.as_string()
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
        unreadable = self.env.context.get("konus_body_shortened") == "unreadable"
        if unreadable and original:
            body = self.env._(
                "The text of this mail could not be read whole (its encoding is "
                "broken): what is shown here may be garbled or incomplete. The "
                "whole original mail is attached to it as %(file)s.",
                file=ORIGINAL_NAME,
            )
        elif unreadable:
            body = self.env._(
                "The text of this mail could not be read whole (its encoding is "
                "broken): what is shown here may be garbled or incomplete."
            )
        elif original:
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
