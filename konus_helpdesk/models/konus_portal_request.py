# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import format_date
from odoo.tools.mimetypes import guess_mimetype

from ..tools import identification, portal_uploads


class KonusPortalRequest(models.AbstractModel):
    """A request filed by a customer in the portal (§4.1 «через портал»): the
    /new/ticket form asks for the §4.4 items, and this model checks what was
    posted and turns it into ticket values.

    Everything here runs in the environment of the customer who posts the
    form: every id it sends is resolved through that customer's own access
    rights before the controller creates anything with sudo."""

    _name = "konus.portal.request"
    _description = "Portal request form"

    # Longest subject and documentation reference accepted from the form.
    _MAX_SUBJECT = 250
    _MAX_DOC_REFERENCE = 500

    @api.model
    def _contracts(self):
        """Active contracts and certificates the current user may file requests
        under: those of their own organisation (§2.2) that either name no
        authorised contacts or name them."""
        user = self.env.user
        return self.env["konus.support.contract"].search(
            [
                ("partner_id", "=", user.partner_id.commercial_partner_id.id),
                ("state", "=", "active"),
                "|",
                ("contact_ids", "=", False),
                ("contact_ids", "in", user.partner_id.ids),
            ]
        )

    @api.model
    def _incident_classes(self):
        """(value, label, §1 definition) of each incident class, in the
        reader's language."""
        labels = dict(
            self.env["helpdesk.ticket"]
            ._fields["incident_class"]
            ._description_selection(self.env)
        )
        definitions = {
            "critical": self.env._(
                "The product does not work or works so badly that your key "
                "business processes have stopped (§1)."
            ),
            "non_critical": self.env._(
                "Any other failure: the product works, without substantial "
                "harm to its operation and functions (§1)."
            ),
            "consultation": self.env._(
                "A question on setting up or using the product; nothing is "
                "broken (§5.2)."
            ),
        }
        return [(value, labels[value], definitions[value]) for value in definitions]

    @api.model
    def _records(self, values):
        """The contract, product and kind of support chosen in the form, each
        empty unless the current user may choose it: an active contract of
        their own (see :meth:`_contracts`), a product it covers,
        a kind of support it grants."""
        contract = self._contracts().filtered(
            lambda c: c.id == _form_id(values.get("contract_id"))
        )
        product = contract.product_ids.filtered(
            lambda p: p.id == _form_id(values.get("supported_product_id"))
        )
        support_type = contract.support_type_ids.filtered(
            lambda t: t.id == _form_id(values.get("support_type_id"))
        )
        return contract, product, support_type

    @api.model
    def _validate(self, values, files):
        """Check a posted request form; return ``{field: message}``, empty when
        the request may be created.

        :param dict values: the form as posted (strings)
        :param list files: ``(file name, content)`` of each uploaded file; the
            content may be cut just past the size limit
        """
        errors = {}
        upload_errors = self._upload_errors(files)
        if upload_errors:
            errors["attachment"] = "\n".join(upload_errors)
        if not self._is_customer():
            # Someone Konus holds no contract with is not refused at the door:
            # the request is registered unidentified and the engineer asks
            # for what is missing (§4.2, §4.5), as for a mail.
            if not _form_text(values.get("subject")):
                errors["subject"] = self.env._("Give your request a short subject.")
            return errors
        contract, product, support_type = self._records(values)
        if not values.get("contract_id"):
            errors["contract_id"] = self.env._(
                "Choose the contract or certificate your request falls under."
            )
        elif not contract:
            errors["contract_id"] = self._contract_error(values["contract_id"])
        if not values.get("supported_product_id"):
            errors["supported_product_id"] = self.env._(
                "Choose the product or project the problem concerns."
            )
        elif contract and not product:
            errors["supported_product_id"] = self.env._(
                "This product is not covered by the chosen contract."
            )
        if not values.get("support_type_id"):
            errors["support_type_id"] = self.env._(
                "Choose the kind of support you need."
            )
        elif contract and not support_type:
            errors["support_type_id"] = self.env._(
                "The chosen contract does not grant this kind of support (§5.3)."
            )
        incident_class = values.get("incident_class")
        if incident_class not in dict(
            self.env["helpdesk.ticket"]._fields["incident_class"].selection
        ):
            errors["incident_class"] = self.env._(
                "Say whether the product stopped working, works with a fault, "
                "or you have a question."
            )
        elif incident_class != "consultation" and not _form_text(
            values.get("steps_to_reproduce")
        ):
            errors["steps_to_reproduce"] = self.env._(
                "Describe the actions that lead to the problem (§4.4)."
            )
        subject = _form_text(values.get("subject"))
        if not subject:
            errors["subject"] = self.env._("Give your request a short subject.")
        elif len(subject) > self._MAX_SUBJECT:
            errors["subject"] = self.env._(
                "The subject is too long (at most %(max)s characters).",
                max=self._MAX_SUBJECT,
            )
        if not identification.is_clear_question(values.get("description")):
            errors["description"] = self.env._(
                "State your question clearly, in a few words at least (§4.4)."
            )
        doc_reference = _form_text(values.get("doc_reference"))
        if len(doc_reference) > self._MAX_DOC_REFERENCE:
            errors["doc_reference"] = self.env._(
                "The documentation reference is too long (at most %(max)s characters).",
                max=self._MAX_DOC_REFERENCE,
            )
        return errors

    @api.model
    def _is_customer(self):
        """Whether the user's organisation holds (or held) a support contract
        or certificate: then the form asks for everything §4.4 requires."""
        entity = self.env.user.partner_id.commercial_partner_id
        return bool(
            self.env["konus.support.contract"]
            .sudo()
            .search_count([("partner_id", "=", entity.id)], limit=1)
        )

    @api.model
    def _contract_error(self, contract_value):
        # Only the user's own contracts are described: a number of another
        # customer gets the same answer as a number that does not exist.
        own = self.env["konus.support.contract"].search(
            [
                ("id", "=", _form_id(contract_value)),
                (
                    "partner_id",
                    "=",
                    self.env.user.partner_id.commercial_partner_id.id,
                ),
            ]
        )
        if own.state == "expired":
            return self.env._(
                "The contract %(contract)s expired on %(date)s: support is "
                "provided only under a valid contract or certificate (§2.2). "
                "Contact Konus to renew it.",
                contract=own.name,
                date=format_date(self.env, own.date_end),
            )
        return self.env._("Choose one of your active contracts or certificates.")

    @api.model
    def _upload_errors(self, files):
        uploads = [
            portal_uploads.Upload(
                name, len(content), guess_mimetype(content, default="")
            )
            for name, content in files
        ]
        megabytes = 1024 * 1024
        messages = {
            portal_uploads.TYPE: lambda name: self.env._(
                "%(file)s: files of this type are not accepted. Attach images "
                "(PNG, JPEG, GIF, WebP, BMP), PDF, text or log files, ZIP or 7z "
                "archives, DOCX or XLSX documents.",
                file=name,
            ),
            portal_uploads.SIZE: lambda name: self.env._(
                "%(file)s is larger than %(max)s MB.",
                file=name,
                max=portal_uploads.MAX_FILE_SIZE // megabytes,
            ),
            portal_uploads.TOTAL: lambda name: self.env._(
                "The files together are larger than %(max)s MB.",
                max=portal_uploads.MAX_TOTAL_SIZE // megabytes,
            ),
            portal_uploads.COUNT: lambda name: self.env._(
                "Attach at most %(max)s files.", max=portal_uploads.MAX_FILES
            ),
        }
        return [
            messages[problem.code](problem.name)
            for problem in portal_uploads.check(uploads)
        ]

    @api.model
    def _ticket_values(self, values):
        """The §4.4 fields of a ticket created from a validated form."""
        if not self._is_customer():
            return {}
        contract, product, support_type = self._records(values)
        incident_class = values.get("incident_class")
        return {
            "company_id": contract.company_id.id,
            "contract_id": contract.id,
            "supported_product_id": product.id,
            "support_type_id": support_type.id,
            "incident_class": incident_class,
            "steps_to_reproduce": _form_text(values.get("steps_to_reproduce")) or False,
            "doc_reference": _form_text(values.get("doc_reference")) or False,
        }


def _form_id(value):
    """A record id posted in a form, or 0 when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _form_text(value):
    return (value or "").strip() if isinstance(value, str) else ""
