"""The port map: a flat schematic of the station in the current phase (modules as
boxes, ports as dots, occupied ports joined), drawn from models3d.portmap.port_map.
It follows the timeline and the selection, and a click on a box selects that module.

`view` holds the widget; `feature` plugs its dock into the main window (ui.features).
"""
