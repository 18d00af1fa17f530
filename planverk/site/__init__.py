"""The public site: organisations, their units, the strategy pages, feed and sitemap."""
