from . import konus_helpdesk_ticket_report
from . import konus_service_act
