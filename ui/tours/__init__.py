"""Guided tours in the app: the Tours menu and player (`feature`, registered in
ui.features), the caption overlay, the editor dialog and the tour video export
(`export`, also the `tour` command). The tours themselves are models3d.tour.

Importing this package loads no Qt: the command line imports `ui.tours.export`."""
