"""The 3D viewport: GL items with the project's lighting, the camera, picking."""
