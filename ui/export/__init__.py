"""Exports: pictures of any size, every phase, animations, the 3D scene."""
