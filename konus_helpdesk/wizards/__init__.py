from . import konus_phone_request
from . import konus_request_information
from . import konus_ticket_deferral
from . import konus_third_party
