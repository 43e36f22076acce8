# English: the same dates as nl and fr (day first), with a decimal point.
from traject.config.formats.nl.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
