"""Getting article text in: files, URLs, HTML, PDF, manifests, page furniture, the seeds."""
