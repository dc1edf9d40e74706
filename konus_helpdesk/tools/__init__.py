from . import identification
from . import mail_headers
from . import mail_numbers
from . import production_calendar
