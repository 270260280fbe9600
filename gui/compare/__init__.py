"""The comparison views: article panes, claims table, details, link map, codebook dock."""
