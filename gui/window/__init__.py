"""The main window, its menus, commands, settings and small dialogs."""
