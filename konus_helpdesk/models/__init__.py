from . import konus_support_type
from . import konus_supported_product
from . import konus_support_contract
from . import helpdesk_ticket
from . import res_partner
from . import helpdesk_ticket_team
from . import mail_thread
