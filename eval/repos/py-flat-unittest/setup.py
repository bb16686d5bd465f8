from setuptools import find_packages, setup

setup(
    name="units",
    version="1.2.0",
    packages=find_packages(exclude=["tests", "tests.*"]),
    entry_points={"console_scripts": ["units-convert=units.cli:main"]},
    test_suite="tests",
)
