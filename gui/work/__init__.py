"""Background work: the worker pool and the Qt-free jobs it runs."""
