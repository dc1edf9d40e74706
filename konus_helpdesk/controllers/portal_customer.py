# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class KonusCustomerPortal(CustomerPortal):
    """The customer's own contracts and certificates, supported products and
    their documentation (§4.3) in the portal.

    Lists are searched in the customer's environment (the portal record rules
    keep them to its organisation); a single record is checked with
    ``_document_check_access`` before it is read with sudo, and what is
    listed under it (requests, documents) is searched again as the customer.
    """

    _konus_page_size = 20

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for counter, model in (
            ("konus_contract_count", "konus.support.contract"),
            ("konus_product_count", "konus.supported.product"),
        ):
            if counter in counters:
                Model = request.env[model]
                values[counter] = (
                    Model.search_count([]) if Model.has_access("read") else 0
                )
        ticket_counters = {
            name: domain
            for name, domain in self._konus_ticket_counter_domains().items()
            if name in counters
        }
        if ticket_counters:
            Ticket = request.env["helpdesk.ticket"]
            readable = Ticket.has_access("read")
            for name, domain in ticket_counters.items():
                values[name] = Ticket.search_count(domain) if readable else 0
        return values

    def _konus_ticket_counter_domains(self):
        """The customer's requests on the home page: being worked on, waiting
        for the customer's answer (§4.5), closed."""
        waiting = request.env.ref(
            "konus_helpdesk.stage_waiting_customer", raise_if_not_found=False
        )
        waiting_ids = waiting.ids if waiting else []
        return {
            "konus_ticket_open_count": [
                ("stage_id.closed", "=", False),
                ("stage_id", "not in", waiting_ids),
            ],
            "konus_ticket_waiting_count": [("stage_id", "in", waiting_ids)],
            "konus_ticket_closed_count": [("stage_id.closed", "=", True)],
        }

    # ------------------------------------------------------------------
    # Contracts and certificates
    # ------------------------------------------------------------------

    def _prepare_konus_list_values(self, model, url, page, key):
        """A page of the customer's own records of ``model`` (the portal
        record rules choose them), under ``key``, with its pager."""
        Model = request.env[model]
        pager = portal_pager(
            url=url,
            total=Model.search_count([]),
            page=page,
            step=self._konus_page_size,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                key: Model.search(
                    [], limit=self._konus_page_size, offset=pager["offset"]
                ),
                "pager": pager,
                "page_name": f"konus_{key}",
                "default_url": url,
            }
        )
        return values

    @http.route(
        ["/my/contracts", "/my/contracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_contracts(self, page=1, **kw):
        return request.render(
            "konus_helpdesk.portal_my_contracts",
            self._prepare_konus_list_values(
                "konus.support.contract", "/my/contracts", page, "contracts"
            ),
        )

    @http.route(
        [
            "/my/contracts/<int:contract_id>",
            "/my/contracts/<int:contract_id>/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_contract(self, contract_id, page=1, **kw):
        contract_sudo = self._konus_check("konus.support.contract", contract_id)
        tickets, pager = self._konus_tickets(
            [("contract_id", "=", contract_sudo.id)],
            f"/my/contracts/{contract_sudo.id}",
            page,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "contract": contract_sudo,
                "expiry_warning": self._konus_expiry_warning(contract_sudo),
                "sla_sentences": contract_sudo._portal_sla_sentences(),
                # The products shown are the customer's own, as the customer.
                "products": request.env["konus.supported.product"].search(
                    [("contract_ids", "in", contract_sudo.ids)]
                ),
                "tickets": tickets,
                "pager": pager,
                "page_name": "konus_contract",
            }
        )
        return request.render("konus_helpdesk.portal_my_contract", values)

    # ------------------------------------------------------------------
    # Supported products and their documentation
    # ------------------------------------------------------------------

    @http.route(
        ["/my/products", "/my/products/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_products(self, page=1, **kw):
        return request.render(
            "konus_helpdesk.portal_my_products",
            self._prepare_konus_list_values(
                "konus.supported.product", "/my/products", page, "products"
            ),
        )

    @http.route(
        [
            "/my/products/<int:product_id>",
            "/my/products/<int:product_id>/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_product(self, product_id, page=1, **kw):
        product_sudo = self._konus_check("konus.supported.product", product_id)
        tickets, pager = self._konus_tickets(
            [("supported_product_id", "=", product_sudo.id)],
            f"/my/products/{product_sudo.id}",
            page,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "product": product_sudo,
                "contracts": request.env["konus.support.contract"].search(
                    [("product_ids", "in", product_sudo.ids)]
                ),
                "documents": request.env["konus.product.document"].search(
                    [("product_id", "=", product_sudo.id)]
                ),
                "tickets": tickets,
                "pager": pager,
                "page_name": "konus_product",
            }
        )
        return request.render("konus_helpdesk.portal_my_product", values)

    @http.route(
        "/my/products/<int:product_id>/documents/<int:document_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_product_document(self, product_id, document_id, **kw):
        document_sudo = self._konus_check("konus.product.document", document_id)
        if document_sudo.product_id.id != product_id:
            raise NotFound()
        if document_sudo.url:
            return request.redirect(document_sudo.url, local=False)
        stream = request.env["ir.binary"]._get_stream_from(
            document_sudo,
            "file",
            filename=document_sudo.filename or document_sudo.name,
        )
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _konus_expiry_warning(self, contract_sudo):
        days = contract_sudo._portal_days_left()
        if days is None:
            return None
        return request.env._(
            "Expires in %(days)s days (%(date)s): contact Konus to renew it.",
            days=days,
            date=format_date(request.env, contract_sudo.date_end),
        )

    def _konus_check(self, model_name, record_id):
        """The record, sudoed, if the user may read it; 404 otherwise — the
        same answer whether it belongs to another customer or does not exist,
        so that ids of other customers cannot be probed."""
        try:
            return self._document_check_access(model_name, record_id)
        except (AccessError, MissingError) as error:
            raise NotFound() from error

    def _konus_tickets(self, domain, url, page):
        """One page of the user's own requests matching ``domain``: searched
        as the user, in a fixed number of queries whatever their count."""
        Ticket = request.env["helpdesk.ticket"]
        pager = portal_pager(
            url=url,
            total=Ticket.search_count(domain),
            page=page,
            step=self._konus_page_size,
        )
        tickets = Ticket.search(
            domain,
            order="create_date desc, id desc",
            limit=self._konus_page_size,
            offset=pager["offset"],
        )
        return tickets, pager
