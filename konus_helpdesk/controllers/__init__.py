from . import mail
from . import portal
from . import portal_workflow
from . import portal_customer
