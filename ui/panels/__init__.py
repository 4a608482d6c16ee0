"""Side panels: the module list, the properties of a module or plan, the station totals."""

from .common import badge, confidence_label, quantity_label, source_links
from .module_list import ModuleBrowser, ModuleList
from .properties import PropertiesPanel, module_html, plan_html
from .totals import TotalsPanel, span_text, totals_html

__all__ = [
    "ModuleBrowser",
    "ModuleList",
    "PropertiesPanel",
    "TotalsPanel",
    "badge",
    "confidence_label",
    "module_html",
    "plan_html",
    "quantity_label",
    "source_links",
    "span_text",
    "totals_html",
]
