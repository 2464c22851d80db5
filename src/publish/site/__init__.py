"""The static site: apply catalogs, render pages, verify attribution, write `site/`."""
