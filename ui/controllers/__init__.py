"""Flows of the main window that span dialogs, workers and the viewer model."""
