"""The demo production: composes every feature app's demo builder (`build.py` on top, one module
per app beside it). Nothing in the application imports this package."""
