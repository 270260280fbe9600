"""Reports, PDF and PNG export."""
