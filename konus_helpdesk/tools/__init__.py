from . import identification
from . import mail_headers
from . import mail_numbers
