"""The one packaging rule pyproject.toml cannot express: the top-level assets/ folder
(plans, tours, translations, Earth images, outlines, web page, icons) ships inside the
wheel as the package data of `models3d._assets`, where models3d.resources finds it.
Everything else (metadata, dependencies, entry points) is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    # every package and subpackage of the app, found on disk (never a hand list)
    packages=[
        *find_packages(include=["models3d", "models3d.*", "ui", "ui.*"]),
        "models3d._assets",
    ],
    package_dir={"models3d._assets": "assets"},
    package_data={"models3d._assets": ["**/*"]},
    exclude_package_data={"models3d._assets": ["**/__pycache__/*", "**/*.pyc"]},
)
