from . import helpdesk_sla
from . import helpdesk_ticket_sla
from . import helpdesk_ticket
from . import res_config_settings
from . import resource_calendar
from . import resource_calendar_attendance
from . import resource_calendar_leaves
