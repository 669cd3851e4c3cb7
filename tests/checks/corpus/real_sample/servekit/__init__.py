from servekit.api import BaseServeAPI, TextAPI
from servekit.export import export_config

__all__ = ["BaseServeAPI", "TextAPI", "export_config"]
