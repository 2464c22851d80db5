"""publish: translate and publish reprinted articles, attribution intact."""

__version__ = "0.1.0"
