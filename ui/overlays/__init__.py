"""View aids drawn over and beside the station: scale bar, click-to-measure, the
selected module's dimensions, a person and the ISS for scale, module labels with leader
lines, and the hover plate. `feature` plugs them into the main window (ui.features);
`figures3d` gives the scene its scale-figure items; `painting` draws the 2D aids for
the view and for exported pictures alike."""
