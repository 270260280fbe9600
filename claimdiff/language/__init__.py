"""The spaCy pipeline and line reflow: page furniture on ingest and claims both need them."""
