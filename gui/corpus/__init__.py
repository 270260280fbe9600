"""The corpus tab: articles, import dialogs, corrections."""
