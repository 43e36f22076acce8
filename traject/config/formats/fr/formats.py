# French: the Belgian formats of traject/config/formats/nl, with a narrow space between thousands.
from traject.config.formats.nl.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "\u202f"
