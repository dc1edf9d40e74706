# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import inspect

from werkzeug.exceptions import BadRequest, NotFound

from odoo import models
from odoo.http import request

# The portal's routes, ours and those of the modules we build on: the
# customer's pages, the request form, the close button, the ticket chatter.
PORTAL_ROUTE_PREFIXES = (
    "/my/",
    "/mail/",
    "/portal/",
    "/ticket/",
    "/new/ticket",
    "/submitted/ticket",
)
# Parameters of those routes that name a record. mail and portal pass them to
# int() or straight into SQL: any other value crashed the route.
RECORD_ID_PARAMS = frozenset(
    {
        "thread_id",
        "res_id",
        "message_id",
        "attachment_id",
        "partner_id",
        "follower_id",
        "pid",
    }
)
# Parameters naming a model whose records have a chatter (mail.thread).
THREAD_MODEL_PARAMS = frozenset({"thread_model", "res_model"})
# Parameters naming any model.
MODEL_PARAMS = frozenset({"model"})
# PostgreSQL's integer: a larger id is no record, not an SQL error.
MAX_RECORD_ID = 2**31 - 1


class IrHttp(models.AbstractModel):
    """Requests that do not fit a portal route are answered "not found" or
    "bad request", never with a server error: a customer's browser, or
    someone handcrafting requests, may send any value."""

    _inherit = "ir.http"

    @classmethod
    def _dispatch(cls, endpoint):
        path = request.httprequest.path
        if path == "/my" or path.startswith(PORTAL_ROUTE_PREFIXES):
            cls._konus_check_portal_arguments(endpoint, request.params)
        return super()._dispatch(endpoint)

    @classmethod
    def _konus_check_portal_arguments(cls, endpoint, params):
        """Raise ``NotFound`` for a parameter that cannot name what it
        names, ``BadRequest`` for a parameter the route requires and did
        not get."""
        parameters = _route_parameters(endpoint)
        required = {
            name
            for name, parameter in parameters.items()
            if parameter.default is parameter.empty
        }
        for name, value in params.items():
            if not cls._konus_is_valid_argument(name, value, name in required):
                raise NotFound()
        missing = sorted(required - params.keys())
        if missing:
            raise BadRequest(
                request.env._(
                    "The request lacks: %(parameters)s.",
                    parameters=", ".join(missing),
                )
            )

    @classmethod
    def _konus_is_valid_argument(cls, name, value, required):
        """Whether ``value`` can be what a parameter called ``name`` names."""
        if name in RECORD_ID_PARAMS:
            # An empty optional id is "not given": the route has its default.
            return _is_record_id(value) or (_is_empty(value) and not required)
        if name in THREAD_MODEL_PARAMS:
            return cls._konus_is_thread(value)
        if name in MODEL_PARAMS:
            return isinstance(value, str) and value in request.env
        return True

    @classmethod
    def _konus_is_thread(cls, model_name):
        return (
            isinstance(model_name, str)
            and model_name in request.env
            and isinstance(request.env[model_name], request.env.registry["mail.thread"])
        )


def _route_parameters(endpoint):
    """``{name: inspect.Parameter}`` of the keyword parameters the route's
    method declares (not ``self``, not ``**kwargs``)."""
    method = getattr(endpoint, "original_endpoint", endpoint)
    return {
        name: parameter
        for name, parameter in inspect.signature(method).parameters.items()
        if name != "self"
        and parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
    }


def _is_empty(value):
    return value is None or value is False or value == ""


def _is_record_id(value):
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 < value <= MAX_RECORD_ID
    )
