"""Qt-free application state and the analysis job: the pipeline, the link index, the window's view
state (moved from the desktop app).
"""
