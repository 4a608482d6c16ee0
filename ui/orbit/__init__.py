"""The orbit in the app: a globe with the orbit, a world map with the numbers, the
station lit by the Sun at the orbit position shown, and pictures of both (issue 14).

`feature` plugs it into the main window (ui.features); `compare` into the compare
window. The numbers come from the Qt-free models3d.orbit* modules."""
